# NixOS module for the atBB AppView.
#
#   services.atbb = {
#     enable = true;
#     forumDid = "did:plc:...";
#     jetstreamUrl = "wss://.../subscribe";   # omit for no live stream
#     database.type = "sqlite";               # or "postgresql" (the default)
#   };
#
# PostgreSQL: the module runs a local PostgreSQL 17 (unless database.enable is
# false) with database and role "atbb". The JDBC driver cannot use the unix
# socket, so the AppView connects over TCP to 127.0.0.1, where the atbb role is
# trusted without a password: any local user can connect as atbb, which is
# fine on a host dedicated to the forum.
#
# SQLite: the database is one file (database.path, under /var/lib/atbb by
# default). Only one process may use it; the services below take turns.
{
  config,
  lib,
  pkgs,
  ...
}:

let
  cfg = config.services.atbb;
  usesPostgresql = cfg.database.type == "postgresql";
  runsLocalPostgresql = usesPostgresql && cfg.database.enable;

  databaseUrl =
    if usesPostgresql then
      "postgresql://atbb@127.0.0.1:5432/${cfg.database.name}"
    else
      "file:${cfg.database.path}";

  environment = {
    DATABASE_URL = databaseUrl;
    FORUM_DID = cfg.forumDid;
    PORT = toString cfg.port;
  }
  // (if cfg.jetstreamUrl == null then { } else { JETSTREAM_URL = cfg.jetstreamUrl; })
  // (if cfg.database.readUrl == null then { } else { DATABASE_READ_URL = cfg.database.readUrl; })
  // (if cfg.metrics then { } else { METRICS = "off"; });

  serviceUser = {
    User = "atbb";
    Group = "atbb";
  }
  # /var/lib/atbb, owned by the service user, holds the SQLite file.
  // (if usesPostgresql then { } else { StateDirectory = "atbb"; });

  # Ordered after PostgreSQL whenever it is used; required only when this host runs it.
  databaseAfter = lib.optional usesPostgresql "postgresql.service";
  databaseRequires = lib.optional runsLocalPostgresql "postgresql.service";
in
{
  options.services.atbb = {
    enable = lib.mkEnableOption "the atBB forum AppView";

    package = lib.mkOption {
      type = lib.types.package;
      default = pkgs.callPackage ./package.nix { };
      description = "The atBB package providing the `atbb` launcher.";
    };

    port = lib.mkOption {
      type = lib.types.port;
      default = 3000;
      description = "HTTP port of the AppView.";
    };

    forumDid = lib.mkOption {
      type = lib.types.str;
      description = "DID of the forum account whose records the AppView serves.";
    };

    jetstreamUrl = lib.mkOption {
      type = lib.types.nullOr lib.types.str;
      default = null;
      description = "Jetstream WebSocket URL; null runs without a live stream.";
    };

    metrics = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = "Serve Prometheus metrics on /metrics (not behind the admin token: keep the port private).";
    };

    database = {
      type = lib.mkOption {
        type = lib.types.enum [
          "postgresql"
          "sqlite"
        ];
        default = "postgresql";
        description = "Database backend: a PostgreSQL server, or one SQLite file with no server.";
      };

      enable = lib.mkOption {
        type = lib.types.bool;
        default = cfg.database.type == "postgresql";
        description = "Run a local PostgreSQL 17 for atBB. Ignored when database.type is \"sqlite\".";
      };

      name = lib.mkOption {
        type = lib.types.str;
        default = "atbb";
        description = "PostgreSQL database name. Only used when database.type is \"postgresql\".";
      };

      readUrl = lib.mkOption {
        type = lib.types.nullOr lib.types.str;
        default = null;
        example = "postgresql://atbb@replica.internal:5432/atbb";
        description = ''
          URL of a PostgreSQL streaming replica of the database, which the public read API and
          the web pages read from (the primary while it is unreachable); null reads from the
          database itself. Only used when database.type is "postgresql".
        '';
      };

      path = lib.mkOption {
        type = lib.types.path;
        default = "/var/lib/atbb/atbb.db";
        description = ''
          Path of the SQLite database file. Only used when database.type is "sqlite".
          Outside /var/lib/atbb the directory must be writable by the atbb user.
        '';
      };
    };
  };

  config = lib.mkIf cfg.enable (
    lib.mkMerge [
      {
        users.users.atbb = {
          isSystemUser = true;
          group = "atbb";
        };
        users.groups.atbb = { };

        systemd.services.atbb-migrate = {
          description = "atBB database migrations";
          before = [ "atbb-appview.service" ];
          requiredBy = [ "atbb-appview.service" ];
          after = databaseAfter;
          requires = databaseRequires;
          inherit environment;
          # On PostgreSQL, migrate-permissions goes first: it takes the schema to
          # step 0011, copies roles.permissions into role_permissions, then applies
          # 0012, whose guard would stop a plain migrate while the copy is missing.
          # migrate then applies the later steps.
          script = lib.optionalString usesPostgresql ''
            ${cfg.package}/bin/atbb migrate-permissions
          '' + ''
            ${cfg.package}/bin/atbb migrate
          '';
          serviceConfig = serviceUser // {
            Type = "oneshot";
            RemainAfterExit = true;
          };
        };

        systemd.services.atbb-appview = {
          description = "atBB forum AppView";
          wantedBy = [ "multi-user.target" ];
          after = [ "network-online.target" ] ++ databaseAfter;
          wants = [ "network-online.target" ];
          requires = databaseRequires;
          inherit environment;
          serviceConfig = serviceUser // {
            ExecStart = "${cfg.package}/bin/atbb serve";
            Restart = "on-failure";
            # The JVM exits 128 + 15 after its shutdown hook has stopped the server
            # cleanly on SIGTERM: a normal stop, not a failure.
            SuccessExitStatus = 143;
          };
        };
      }

      (lib.mkIf (cfg.database.readUrl != null) {
        assertions = [
          {
            assertion = usesPostgresql;
            message = "services.atbb.database.readUrl needs database.type \"postgresql\": a SQLite file has no replicas.";
          }
        ];
      })

      (lib.mkIf runsLocalPostgresql {
        # NixOS grants a database to the role of the same name only.
        assertions = [
          {
            assertion = cfg.database.name == "atbb";
            message = "services.atbb.database.name must be \"atbb\" while services.atbb.database.enable is true.";
          }
        ];

        services.postgresql = {
          enable = true;
          package = pkgs.postgresql_17;
          ensureDatabases = [ cfg.database.name ];
          ensureUsers = [
            {
              name = "atbb";
              ensureDBOwnership = true;
            }
          ];
          # The first matching line wins; NixOS appends its defaults after these.
          authentication = ''
            host ${cfg.database.name} atbb 127.0.0.1/32 trust
          '';
        };
      })
    ]
  );
}
