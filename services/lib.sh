# Shared helpers for services/*.sh. Sourced, not run.
# Settings (environment, all optional):
#   JOYSYNC_STATE     state folder for data, logs and pid files (default: <repo>/.state)
#   JOYSYNC_HOST      address services listen on (default 127.0.0.1; keep it on loopback)

SERVICES_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_DIR=$(dirname "$SERVICES_DIR")
STATE_DIR=${JOYSYNC_STATE:-$REPO_DIR/.state}
HOST=${JOYSYNC_HOST:-127.0.0.1}

log() { printf '[services] %s\n' "$*" >&2; }
die() { printf '[services] error: %s\n' "$*" >&2; exit 1; }

# Prints the home of a JDK 17 (Cassandra 5.0 and Elasticsearch 8.15 fail on newer JDKs).
jdk17_home() {
  local candidates=() c
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for c in /usr/lib/jvm/*17*; do [ -d "$c" ] && candidates+=("$c"); done
  for c in "${candidates[@]}"; do
    if [ -x "$c/bin/java" ] && "$c/bin/java" -version 2>&1 | grep -qE 'version "17[."]'; then
      echo "$c"
      return 0
    fi
  done
  die "no JDK 17 found. Cassandra 5.0 and Elasticsearch 8.15 need JDK 17 (they fail on newer JDKs).
  Install it with: apt-get install -y openjdk-17-jdk-headless   (or set JAVA_HOME to a JDK 17)"
}

# Resolves the Cassandra and Elasticsearch distributions from the Maven repository once.
resolve_distributions() {
  if [ -d "$SERVICES_DIR/target/cassandra-lib" ] && [ -d "$SERVICES_DIR/target/es" ]; then
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "Maven (mvn) is needed to resolve Cassandra and Elasticsearch"
  log "resolving Cassandra and Elasticsearch distributions (first run only)"
  (cd "$SERVICES_DIR" && mvn -q -B package) || die "could not resolve the service distributions"
}

# alive PIDFILE PATTERN: true when the pid file names a live process whose command line holds PATTERN.
alive() {
  local pidfile=$1 pattern=$2 pid
  [ -f "$pidfile" ] || return 1
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && [ -r "/proc/$pid/cmdline" ] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF -- "$pattern"
}

# port_open HOST PORT
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }

# stop_pid PIDFILE PATTERN NAME: SIGTERM, wait up to 30 s, then SIGKILL; only our own process.
stop_pid() {
  local pidfile=$1 pattern=$2 name=$3 pid i
  if ! alive "$pidfile" "$pattern"; then
    log "$name is not running"
    rm -f "$pidfile"
    return 0
  fi
  pid=$(cat "$pidfile")
  log "stopping $name (pid $pid)"
  kill -TERM "$pid" 2>/dev/null || true
  for i in $(seq 1 150); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if kill -0 "$pid" 2>/dev/null; then
    log "$name did not stop in 30 s; killing it"
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}
