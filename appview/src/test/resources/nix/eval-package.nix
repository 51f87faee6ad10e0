# Calls package.nix with stand-ins for its inputs and returns the arguments it
# hands to maven.buildMavenPackage, for tests that need no nixpkgs.
#
#   nix-instantiate --eval --strict --json eval-package.nix --argstr packagePath /abs/nix/package.nix
{ packagePath }:

let
  fakeDerivation = name: {
    inherit name;
    outPath = "/nix/store/00000000000000000000000000000000-${name}";
  };
  fakeHash = "sha256-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";

  buildArgs = import packagePath {
    lib = {
      inherit fakeHash;
      # A string, not a path: printing a path would copy the tree into the store.
      cleanSource = src: toString src;
      platforms.unix = [ "x86_64-linux" ];
    };
    maven.buildMavenPackage = args: args;
    makeWrapper = fakeDerivation "make-wrapper";
    jdk17_headless = fakeDerivation "openjdk-17-headless";
  };
in
buildArgs // { mvnHashIsPlaceholder = buildArgs.mvnHash == fakeHash; }
