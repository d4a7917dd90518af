#!/usr/bin/env bash
# Starts, stops or reports a real single-node Cassandra 5.0 (cassandra-all from Maven Central) in a
# forked JVM on JDK 17, listening on loopback.
#   services/cassandra.sh start|stop|status
# Settings (environment): JOYSYNC_STATE (state folder, default .state), CASSANDRA_PORT (9042),
# CASSANDRA_STORAGE_PORT (7000), CASSANDRA_HEAP (512m), CASSANDRA_START_TIMEOUT (180 s).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

PORT=${CASSANDRA_PORT:-9042}
STORAGE_PORT=${CASSANDRA_STORAGE_PORT:-7000}
HEAP=${CASSANDRA_HEAP:-512m}
TIMEOUT=${CASSANDRA_START_TIMEOUT:-180}
DIR="$STATE_DIR/cassandra"
PIDFILE="$DIR/cassandra.pid"
MARK="-Dcassandra.storagedir=$DIR"

start() {
  if alive "$PIDFILE" "$MARK"; then
    port_open "$HOST" "$PORT" || wait_ready "$(cat "$PIDFILE")"
    log "Cassandra already running (pid $(cat "$PIDFILE")) on $HOST:$PORT"
    return 0
  fi
  if port_open "$HOST" "$PORT"; then
    die "port $HOST:$PORT is taken by another process; set CASSANDRA_PORT to a free port"
  fi
  local java_home
  java_home=$(jdk17_home)
  resolve_distributions
  mkdir -p "$DIR/logs"
  sed -e "s/@PORT@/$PORT/g" -e "s/@STORAGE_PORT@/$STORAGE_PORT/g" -e "s/@HOST@/$HOST/g" \
    "$SERVICES_DIR/cassandra/cassandra.yaml.template" > "$DIR/cassandra.yaml"
  rm -f "$PIDFILE"
  log "starting Cassandra on $HOST:$PORT (state in $DIR, heap $HEAP)"
  # The inner shell writes its own pid and execs the JVM, so the pid file names the JVM itself.
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$PIDFILE" \
    "$java_home/bin/java" \
    -Xms"$HEAP" -Xmx"$HEAP" -Xss256k -XX:+UseSerialGC -XX:MaxDirectMemorySize=256m \
    -ea -da:net.openhft... -Djava.net.preferIPv4Stack=true -Djdk.attach.allowAttachSelf=true \
    --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED \
    --add-exports=java.management.rmi/com.sun.jmx.remote.internal.rmi=ALL-UNNAMED \
    --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED \
    --add-exports=java.rmi/sun.rmi.server=ALL-UNNAMED \
    --add-exports=java.sql/java.sql=ALL-UNNAMED \
    --add-exports=java.base/java.lang.ref=ALL-UNNAMED \
    --add-exports=jdk.unsupported/sun.misc=ALL-UNNAMED \
    --add-exports=jdk.compiler/com.sun.tools.javac.file=ALL-UNNAMED \
    --add-exports=jdk.attach/sun.tools.attach=ALL-UNNAMED \
    --add-opens=java.base/java.lang.module=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.loader=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.reflect=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.math=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.module=ALL-UNNAMED \
    --add-opens=java.base/jdk.internal.util.jar=ALL-UNNAMED \
    --add-opens=jdk.management/com.sun.management.internal=ALL-UNNAMED \
    --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
    --add-opens=java.base/java.io=ALL-UNNAMED \
    --add-opens=java.base/java.lang.reflect=ALL-UNNAMED \
    --add-opens=jdk.compiler/com.sun.tools.javac=ALL-UNNAMED \
    --add-opens=java.base/java.lang=ALL-UNNAMED \
    --add-opens=java.base/java.util=ALL-UNNAMED \
    -Dio.netty.tryReflectionSetAccessible=true \
    -Dcassandra.config="file://$DIR/cassandra.yaml" \
    -Dlogback.configurationFile="$SERVICES_DIR/cassandra/logback.xml" \
    "$MARK" -Dcassandra.logdir="$DIR/logs" \
    -Dcassandra-foreground=yes \
    -Dcassandra.skip_wait_for_gossip_to_settle=0 -Dcassandra.ring_delay_ms=100 \
    -Dcassandra.superuser_setup_delay_ms=0 -Dcassandra.initial_token=0 \
    -Dcassandra.available_processors=2 -Dcassandra.unsafesystem=true \
    -cp "$SERVICES_DIR/target/cassandra-lib/*" org.apache.cassandra.service.CassandraDaemon \
    > "$DIR/cassandra.out" 2>&1 < /dev/null &
  wait_ready $!
  log "Cassandra ready on $HOST:$PORT (pid $(cat "$PIDFILE"))"
}

wait_ready() {
  local pid=$1 deadline=$((SECONDS + TIMEOUT))
  while ! port_open "$HOST" "$PORT"; do
    if ! kill -0 "$pid" 2>/dev/null; then
      tail -n 30 "$DIR/cassandra.out" >&2 || true
      die "Cassandra exited during start-up; see $DIR/logs/system.log"
    fi
    if [ $SECONDS -ge $deadline ]; then
      tail -n 30 "$DIR/logs/system.log" >&2 || true
      die "Cassandra did not open $HOST:$PORT within $TIMEOUT s; see $DIR/logs/system.log"
    fi
    sleep 0.2
  done
}

case "${1:-}" in
  start) start ;;
  stop) stop_pid "$PIDFILE" "$MARK" Cassandra ;;
  status)
    if alive "$PIDFILE" "$MARK"; then echo "Cassandra running (pid $(cat "$PIDFILE")) on $HOST:$PORT"
    else echo "Cassandra not running"; exit 3; fi ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
