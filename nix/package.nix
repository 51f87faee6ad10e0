# atBB AppView: the fat jar and an `atbb` launcher.
#
#   atbb serve                  HTTP server + firehose indexer (the default)
#   atbb migrate                apply the schema for the DATABASE_URL's dialect
#   atbb migrate-permissions    copy roles.permissions into role_permissions (PostgreSQL)
#   atbb index --from FILE.jsonl, atbb sessions create|revoke
#
# Both migration sets (PostgreSQL and SQLite) are resources inside the jar, so
# there is no migrations directory to install or point at.
{
  lib,
  maven,
  makeWrapper,
  jdk17_headless,
}:

maven.buildMavenPackage {
  pname = "atbb";
  version = "0.1.0";

  src = lib.cleanSource ../.;

  # Hash of the fetched Maven dependencies. Replace lib.fakeHash with the
  # "got: sha256-..." value the first build prints, and again whenever a
  # pom.xml changes its dependencies.
  mvnHash = lib.fakeHash;
  mvnJdk = jdk17_headless;

  # The tests need a database server and tools the build sandbox lacks; CI runs them.
  doCheck = false;

  nativeBuildInputs = [ makeWrapper ];

  installPhase = ''
    runHook preInstall
    install -Dm644 appview/target/atbb-appview.jar $out/share/atbb/atbb-appview.jar
    makeWrapper ${jdk17_headless}/bin/java $out/bin/atbb \
      --add-flags "-jar $out/share/atbb/atbb-appview.jar"
    runHook postInstall
  '';

  meta = {
    description = "Forum AppView on the AT Protocol, on PostgreSQL or SQLite";
    mainProgram = "atbb";
    platforms = lib.platforms.unix;
  };
}
