# Sourced by ./run-tests and ./launch-app: points JAVA_HOME at a JDK 25 or newer (Temurin preferred).
tusk_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
tusk_find_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-2[5-9]-jdk* /usr/lib/jvm/java-2[5-9]-* /usr/lib/jvm/*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    major=$(tusk_java_major "$candidate")
    if [ -n "$major" ] && [ "${major%%.*}" -ge 25 ] 2>/dev/null; then
      export JAVA_HOME="$candidate"; export PATH="$JAVA_HOME/bin:$PATH"; return 0
    fi
  done
  echo "Tusk needs a JDK 25 or newer (for example Temurin 25). None was found in JAVA_HOME or /usr/lib/jvm." >&2
  echo "Install one and run again, or set JAVA_HOME to it." >&2
  return 1
}
tusk_find_jdk
