# Evaluates a NixOS-style module without nixpkgs, for tests.
#
#   nix-instantiate --eval --strict --json eval-module.nix \
#     --argstr modulePath /abs/nix/module.nix --argstr settings '{"enable":true,...}'
#
# `settings` (JSON) stands for what a host would write under services.atbb.
# The result is { cfg; config; }: the option values the module saw, and its
# config with every mkIf/mkMerge resolved the way the NixOS module system would.
{ modulePath, settings }:

let
  inherit (builtins)
    all
    attrNames
    concatStringsSep
    elem
    filter
    foldl'
    fromJSON
    isAttrs
    isBool
    isInt
    isList
    isString
    mapAttrs
    substring
    ;

  hasType = t: v: isAttrs v && (v._type or null) == t;
  isDerivationLike = v: isAttrs v && v ? outPath;

  # The few lib functions the module may use; types carry a check so that
  # defaults and test settings are held to the declared option types.
  lib = {
    mkOption = attrs: attrs // { _type = "option"; };
    mkEnableOption = what: {
      _type = "option";
      type = lib.types.bool;
      default = false;
      description = "Whether to enable ${what}.";
    };
    mkIf = condition: content: {
      _type = "if";
      inherit condition content;
    };
    mkMerge = contents: {
      _type = "merge";
      inherit contents;
    };
    optional = condition: value: if condition then [ value ] else [ ];
    optionalString = condition: string: if condition then string else "";
    types = {
      bool = { name = "bool"; check = isBool; };
      str = { name = "str"; check = isString; };
      path = { name = "path"; check = v: isString v && substring 0 1 v == "/"; };
      port = { name = "port"; check = v: isInt v && v >= 0 && v <= 65535; };
      package = { name = "package"; check = isDerivationLike; };
      enum = values: {
        name = "one of ${concatStringsSep ", " values}";
        check = v: elem v values;
      };
      nullOr = type: {
        name = "null or ${type.name}";
        check = v: v == null || type.check v;
      };
    };
  };

  fakeDerivation = name: {
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  };

  pkgs = {
    callPackage = _path: _args: fakeDerivation "atbb";
    postgresql_17 = fakeDerivation "postgresql-17";
  };

  # Option values: test settings over declared defaults, type-checked.
  valuesOf =
    prefix: options: given:
    let
      unknown = filter (name: !(options ? ${name})) (attrNames given);
      valueOf =
        name: option:
        let
          where = "${prefix}.${name}";
        in
        if hasType "option" option then
          let
            value =
              if given ? ${name} then
                given.${name}
              else if option ? default then
                option.default
              else
                throw "${where} is used but not defined";
          in
          if option.type.check value then value else throw "${where} is not of type ${option.type.name}"
        else
          valuesOf where option (given.${name} or { });
    in
    if unknown != [ ] then
      throw "${prefix} has no option ${concatStringsSep ", " unknown}"
    else
      mapAttrs valueOf options;

  absent = { _type = "absent"; };

  mergeTwo =
    a: b:
    if isAttrs a && isAttrs b && !isDerivationLike a && !isDerivationLike b then
      a // mapAttrs (name: value: if a ? ${name} then mergeTwo a.${name} value else value) b
    else if isList a && isList b then
      a ++ b
    else
      throw "conflicting definitions in the module's config";

  resolve =
    value:
    if hasType "if" value then
      (if value.condition then resolve value.content else absent)
    else if hasType "merge" value then
      foldl' mergeTwo { } (filter (v: !hasType "absent" v) (map resolve value.contents))
    else if isAttrs value && !isDerivationLike value then
      let
        resolved = mapAttrs (_: resolve) value;
      in
      removeAbsent resolved
    else if isList value then
      map resolve value
    else
      value;

  removeAbsent =
    attrs:
    builtins.listToAttrs (
      map (name: {
        inherit name;
        value = attrs.${name};
      }) (filter (name: !hasType "absent" attrs.${name}) (attrNames attrs))
    );

  module = import modulePath;

  # The module reads its own option values through `config`: a fixed point,
  # as in the NixOS module system.
  evaluated = module {
    inherit lib pkgs;
    config.services.atbb = cfg;
  };
  cfg = valuesOf "services.atbb" evaluated.options.services.atbb (fromJSON settings);
  config = resolve evaluated.config;
in
{
  inherit cfg;
  config = if hasType "absent" config then { } else config;
}
