# Installs what scoresim needs to build and test on a fresh Debian machine (run as root): a JDK 17+, and,
# until ./mvnw has unpacked the Maven the project pins, a Maven of any 3.x version through which ./mvnw
# fetches it (.mvn/wrapper/maven-wrapper.properties). Sourced by ./scoresim, ./run-tests and ./bench.
ensure_toolchain() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || pinned_maven_unpacked || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} (apt-get) ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "scoresim needs ${missing[*]}: please install them (Java 17 or newer; any Maven 3, through which" \
      "./mvnw fetches the version the project pins)" >&2
    return 1
  fi
}

# true when the Maven that ./mvnw runs is already unpacked (where ./mvnw puts it)
pinned_maven_unpacked() {
  local root version
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  version="$(sed -n 's/^maven\.version=//p' "$root/.mvn/wrapper/maven-wrapper.properties" | tr -d '[:space:]')"
  [ -x "${MAVEN_USER_HOME:-$HOME/.m2}/wrapper/dists/apache-maven-$version/apache-maven-$version/bin/mvn" ]
}
