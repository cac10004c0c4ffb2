# shellcheck shell=bash
# Sourced by bin/mqnamesrv, bin/mqbroker and bin/mqadmin; not meant to be run on its own.
# Resolves ROCKETMQ_HOME, the JVM and its options, and starts a RocketMQ process in the
# background with a pidfile, so that one host can run several brokers and stop exactly one.
#
# Environment:
#   ROCKETMQ_HOME     the distribution folder (default: the folder above bin/)
#   JAVA_HOME         the JVM to use (default: java on PATH)
#   JAVA_OPT_EXT      extra JVM options, appended last so they win (e.g. "-Xms256m -Xmx256m")
#   ROCKETMQ_LOG_DIR  log folder of this process (default: ~/logs/rocketmqlogs); give each broker its own
#   PIDFILE           same as --pidfile
#   RMQ_START_GRACE   seconds a started process must survive before start reports success (default 2)

rmq_die() {
  echo "ERROR: $*" >&2
  exit 1
}

rmq_resolve_home() {
  if [ -z "${ROCKETMQ_HOME:-}" ]; then
    ROCKETMQ_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  fi
  [ -d "$ROCKETMQ_HOME/lib" ] || rmq_die "ROCKETMQ_HOME=$ROCKETMQ_HOME has no lib/ folder"
  export ROCKETMQ_HOME
}

rmq_resolve_java() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
    JAVA="$JAVA_HOME/bin/java"
  else
    JAVA="$(command -v java || true)"
  fi
  [ -n "$JAVA" ] || rmq_die "no java found: set JAVA_HOME or put java on PATH"
  local version
  version="$("$JAVA" -version 2>&1 | awk -F'"' '/version/ { print $2; exit }')"
  case "$version" in
    1.*) JAVA_MAJOR="${version#1.}"; JAVA_MAJOR="${JAVA_MAJOR%%.*}" ;;
    *) JAVA_MAJOR="${version%%[.+-]*}" ;;
  esac
  [[ "$JAVA_MAJOR" =~ ^[0-9]+$ ]] || rmq_die "cannot tell the version of $JAVA (got '$version')"
}

# Fills JVM_OPTS for component $1 (namesrv | broker | tools) with default heap options $2.
rmq_jvm_opts() {
  local component="$1" heap="$2"
  # shellcheck disable=SC2206 # the heap defaults and JAVA_OPT_EXT are option lists, split on purpose
  JVM_OPTS=(-server $heap -XX:+UseG1GC -XX:G1HeapRegionSize=16m -XX:G1ReservePercent=25
    -XX:InitiatingHeapOccupancyPercent=30 -XX:SoftRefLRUPolicyMSPerMB=0
    -XX:-OmitStackTraceInFastThrow -XX:+IgnoreUnrecognizedVMOptions)
  if [ "$JAVA_MAJOR" -ge 9 ]; then
    # RocketMQ 4.x and DLedger unmap commit-log files by reflecting into DirectByteBuffer.cleaner()
    # (jdk.internal.ref.Cleaner) and cast to sun.nio.ch.DirectBuffer; Java 9+ forbids both unless opened.
    JVM_OPTS+=(--add-opens=java.base/java.nio=ALL-UNNAMED
      --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
      --add-opens=java.base/sun.nio.ch=ALL-UNNAMED
      --add-exports=java.base/sun.nio.ch=ALL-UNNAMED)
    if [ "$component" != tools ]; then
      JVM_OPTS+=("-Xlog:gc*:file=$LOG_DIR/${component}_gc.log:time,tags:filecount=5,filesize=30M")
    fi
  fi
  # 4.x reads conf/logback_<component>.xml itself; 5.x's shaded logback needs the file named.
  JVM_OPTS+=("-Drocketmq.logs.dir=$LOG_DIR" "-Drocketmq.client.logRoot=$LOG_DIR"
    "-Drmq.logback.configurationFile=$ROCKETMQ_HOME/conf/logback_$component.xml")
  local extra=()
  read -r -a extra <<<"${JAVA_OPT_EXT:-}"
  JVM_OPTS+=("${extra[@]}")
}

# True while pid $1 runs. A zombie counts as gone: an orphaned JVM's exit may never be reaped
# when PID 1 of a container does not reap.
rmq_running() {
  local state
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ]
}

# True when pid $1 is a live RocketMQ JVM (guards against a recycled pid in a stale pidfile).
rmq_is_rocketmq_pid() {
  local pid="$1"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  rmq_running "$pid" || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org\.apache\.rocketmq\.'
}

# rmq_launch <component> <main class> <default heap> [--pidfile F] [--foreground] [main class args...]
rmq_launch() {
  local component="$1" main="$2" heap="$3"
  shift 3
  local pidfile="${PIDFILE:-}" foreground=0 args=()
  while [ $# -gt 0 ]; do
    case "$1" in
      --pidfile) [ $# -ge 2 ] || rmq_die "--pidfile needs a path"; pidfile="$2"; shift 2 ;;
      --pidfile=*) pidfile="${1#--pidfile=}"; shift ;;
      --foreground) foreground=1; shift ;;
      *) args+=("$1"); shift ;;
    esac
  done

  rmq_resolve_home
  rmq_resolve_java
  LOG_DIR="${ROCKETMQ_LOG_DIR:-$HOME/logs/rocketmqlogs}"
  mkdir -p "$LOG_DIR" || rmq_die "cannot create log folder $LOG_DIR"
  rmq_jvm_opts "$component" "$heap"
  local classpath=".:$ROCKETMQ_HOME/conf:$ROCKETMQ_HOME/lib/*"

  if [ "$foreground" = 1 ]; then
    exec "$JAVA" "${JVM_OPTS[@]}" -cp "$classpath" "$main" "${args[@]}"
  fi

  [ -n "$pidfile" ] || pidfile="$ROCKETMQ_HOME/run/$component.pid"
  if [ -f "$pidfile" ] && rmq_is_rocketmq_pid "$(cat "$pidfile")"; then
    rmq_die "$component already running as pid $(cat "$pidfile") (pidfile $pidfile)"
  fi
  mkdir -p "$(dirname "$pidfile")" || rmq_die "cannot create the folder of $pidfile"
  rm -f "$pidfile"

  local out="$LOG_DIR/$component.out"
  # setsid: leave the caller's session so an SSH hang-up cannot reach the JVM. The inner shell
  # writes its own pid and then becomes the JVM (exec), so the pidfile holds the JVM's pid.
  setsid nohup bash -c 'echo $$ >"$0"; exec "$@"' "$pidfile" \
    "$JAVA" "${JVM_OPTS[@]}" -cp "$classpath" "$main" "${args[@]}" </dev/null >>"$out" 2>&1 &

  local waited=0 grace="${RMQ_START_GRACE:-2}" pid=""
  while [ -z "$pid" ] && [ "$waited" -lt 50 ]; do
    sleep 0.1
    waited=$((waited + 1))
    pid="$(cat "$pidfile" 2>/dev/null || true)"
  done
  [ -n "$pid" ] || rmq_die "$component did not start: no pid in $pidfile; see $out"
  sleep "$grace"
  if ! rmq_running "$pid"; then
    rm -f "$pidfile"
    tail -n 20 "$out" >&2
    rmq_die "$component (pid $pid) exited during start; see $out"
  fi
  echo "started $component pid $pid (pidfile $pidfile, log $LOG_DIR)"
}
