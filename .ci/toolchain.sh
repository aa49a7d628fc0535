# Installs what scoresim needs to build and test on a fresh Debian machine (run as root):
# a JDK 17+ and Maven. Sourced by ./scoresim and ./run-tests.
ensure_toolchain() {
  local missing=()
  command -v java >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v javac >/dev/null 2>&1 || missing+=(openjdk-17-jdk-headless)
  command -v mvn >/dev/null 2>&1 || missing+=(maven)
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
  else
    echo "scoresim needs ${missing[*]}: please install them (Java 17 or newer, Maven 3.8 or newer)" >&2
    return 1
  fi
}
