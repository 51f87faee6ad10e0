# Sourced by the scripts beside it, never run: the repository's place, and java and mvn with a
# clear message when one is missing. It changes no directory: a relative path or file: URL given
# to a script keeps meaning what it means where the operator stands.

atbb_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
atbb_script="scripts/$(basename "$0")"
atbb_jar=$atbb_root/appview/target/atbb-appview.jar

# atbb_require TOOL ADVICE: stops the script, as the shell would (127), when TOOL is not on PATH.
atbb_require() {
  if ! command -v "$1" >/dev/null 2>&1; then
    echo "$atbb_script: '$1' is not on PATH. $2" >&2
    exit 127
  fi
}

atbb_require_java() {
  atbb_require java "Install a Java 17 or newer runtime (Debian: apt install openjdk-17-jre-headless), or add its bin directory to PATH."
}

# atbb_mvn ARGS...: Maven on this repository's build, from wherever the caller stands.
atbb_mvn() {
  atbb_require mvn "It builds the jar: install Maven 3.8 or newer (Debian: apt install maven), or add it to PATH."
  mvn -B -q -f "$atbb_root/pom.xml" "$@" >&2
}

# atbb_run_appview ARGS...: replaces the script with the appview jar, built first when missing.
atbb_run_appview() {
  atbb_require_java
  if [[ ! -f $atbb_jar ]]; then
    echo "$atbb_script: $atbb_jar is missing; building it (mvn package, tests skipped)..." >&2
    atbb_mvn -DskipTests package
  fi
  exec java ${JAVA_OPTS:-} -jar "$atbb_jar" "$@"
}
