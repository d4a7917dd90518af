#!/usr/bin/env bash
# Starts, stops or reports a real single-node Elasticsearch 8.15 (the integ-test-zip from Maven
# Central) on JDK 17, listening on loopback. Elasticsearch refuses to run as root, so when run as
# root this script creates the system user joysync-es and runs the node as that user.
#   services/elasticsearch.sh start|stop|status
# Settings (environment): JOYSYNC_STATE (state folder, default .state), ES_PORT (9200),
# ES_TRANSPORT_PORT (9300), ES_HEAP (512m), ES_START_TIMEOUT (180 s).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PORT=${ES_PORT:-9200}
TRANSPORT_PORT=${ES_TRANSPORT_PORT:-9300}
HEAP=${ES_HEAP:-512m}
TIMEOUT=${ES_START_TIMEOUT:-180}
ES_USER=joysync-es
DIR="$STATE_DIR/elasticsearch"
PIDFILE="$DIR/es.pid"
MARK="$DIR/home"
URL="http://$HOST:$PORT"

healthy() {
  curl -fs "$URL/_cluster/health?wait_for_status=yellow&timeout=1s" 2>/dev/null | grep -q '"status"'
}

start() {
  if alive "$PIDFILE" "$MARK"; then
    healthy || wait_ready ""
    log "Elasticsearch already running (pid $(cat "$PIDFILE")) at $URL"
    return 0
  fi
  command -v curl >/dev/null 2>&1 || die "curl is needed; install it with: apt-get install -y curl"
  if port_open "$HOST" "$PORT"; then
    die "port $HOST:$PORT is taken by another process; set ES_PORT to a free port"
  fi
  local java_home dist
  java_home=$(jdk17_home)
  resolve_distributions
  dist=$(ls -d "$SERVICES_DIR"/target/es/elasticsearch-* | head -n 1)
  mkdir -p "$DIR/data" "$DIR/logs" "$DIR/tmp"
  if [ ! -d "$DIR/home" ]; then
    # One copy per state folder: Elasticsearch writes its keystore into config/.
    cp -r "$dist" "$DIR/home"
  fi
  sed -e "s#@PORT@#$PORT#g" -e "s#@TRANSPORT_PORT@#$TRANSPORT_PORT#g" -e "s#@HOST@#$HOST#g" \
    -e "s#@DIR@#$DIR#g" "$SERVICES_DIR/elasticsearch/elasticsearch.yml.template" \
    > "$DIR/home/config/elasticsearch.yml"
  rm -f "$PIDFILE"
  local run=()
  if [ "$(id -u)" = 0 ]; then
    if ! id "$ES_USER" >/dev/null 2>&1; then
      log "creating system user $ES_USER (Elasticsearch refuses to run as root)"
      useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "$ES_USER"
    fi
    chown -R "$ES_USER:$ES_USER" "$DIR"
    # The state folder's parents must be traversable by that user.
    local d=$DIR
    while [ "$d" != / ]; do d=$(dirname "$d"); chmod o+x "$d" 2>/dev/null || true; done
    run=(runuser -u "$ES_USER" --)
  fi
  log "starting Elasticsearch at $URL (state in $DIR, heap $HEAP)"
  ES_JAVA_HOME=$java_home ES_JAVA_OPTS="-Xms$HEAP -Xmx$HEAP" ES_TMPDIR="$DIR/tmp" \
    setsid "${run[@]}" "$DIR/home/bin/elasticsearch" -p "$PIDFILE" \
    > "$DIR/es.out" 2>&1 < /dev/null &
  wait_ready $!
  log "Elasticsearch ready at $URL (pid $(cat "$PIDFILE"))"
}

wait_ready() {
  local launcher=$1 deadline=$((SECONDS + TIMEOUT))
  until healthy; do
    if [ -n "$launcher" ] && ! kill -0 "$launcher" 2>/dev/null && ! alive "$PIDFILE" "$MARK"; then
      tail -n 30 "$DIR/es.out" >&2 || true
      die "Elasticsearch exited during start-up; see $DIR/logs"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$DIR/es.out" >&2 || true
      die "Elasticsearch was not healthy at $URL within $TIMEOUT s; see $DIR/logs"
    fi
    sleep 0.5
  done
  # The pid file appears once the node is up; wait briefly for it so stop can find the process.
  local i
  for i in $(seq 1 50); do [ -s "$PIDFILE" ] && break; sleep 0.2; done
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "$PIDFILE" "$MARK" Elasticsearch ;;
  status)
    if alive "$PIDFILE" "$MARK"; then echo "Elasticsearch running (pid $(cat "$PIDFILE")) at $URL"
    else echo "Elasticsearch not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
