// Shell scripts that start, stop and look at one node's process on its host. Each takes its inputs as "$1", "$2"…
// (quoted by lib/ssh), never pasted into the text. bash, because the distribution's bin/ scripts need it anyway.
// Never mqshutdown: it signals every broker on the host. One pidfile, one process.

/**
 * What every script below knows about processes and sockets, defined once:
 *   alive <pid>         the process has not exited (a zombie counts as exited)
 *   live_pid <pidfile>  the pidfile names a live process; sets $pid
 *   running <pidfile>   ... and it is a RocketMQ JVM (a recycled pid is not ours)
 *   listen_sockets      the kernel's listening TCP sockets, as /proc/net/tcp{,6} lines
 */
export const PROCESS_FNS = `
alive() {
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ]
}
live_pid() {
  pid="$(cat "$1" 2>/dev/null || true)"
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  alive "$pid"
}
running() {
  live_pid "$1" || return 1
  tr '\\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org\\.apache\\.rocketmq\\.'
}
listen_sockets() {
  awk '$4 == "0A"' /proc/net/tcp /proc/net/tcp6 2>/dev/null
}`;

/** "RUNNING <pidfile>" per pidfile given whose node runs, then the host's listening sockets (see parseListening). */
export const LISTENING_PORTS = `${PROCESS_FNS}
for pidfile in "$@"; do if running "$pidfile"; then echo "RUNNING $pidfile"; fi; done
listen_sockets`;

/** $1 pidfile: prints the launch fingerprint of the live process it names, nothing when none runs. */
export const LIVE_LAUNCH = `${PROCESS_FNS}
if live_pid "$1"; then cat "$1.launch" 2>/dev/null || true; fi`;

export const START_EXIT = { differentLaunch: 3, exitedDuringBoot: 4, bootTimeout: 5, startInProgress: 6 } as const;

/**
 * Starts one process unless it runs already, then waits for its "boot success" line.
 * $1 ROCKETMQ_HOME  $2 conf  $3 pidfile  $4 log dir  $5 JAVA_OPT_EXT  $6 launch fingerprint
 * $7 mqnamesrv|mqbroker  $8 out file name (namesrv|broker)  $9 boot timeout (s)
 * Prints "ALREADY_RUNNING <pid>" (same fingerprint) or "STARTED <pid>"; exits 3 when it runs with another one.
 */
export const START_NODE = `set -eu${PROCESS_FNS}
home="$1"; conf="$2"; pidfile="$3"; logdir="$4"; opts="$5"; launch="$6"; script="$7"; out="$4/$8.out"; timeout="$9"
# One start of a node at a time: a start whose SSH connection dropped keeps running on the host, and a retry racing
# it could launch a second JVM between its removing the pidfile and the new JVM writing it.
mkdir -p "$(dirname "$pidfile")"
exec 9>>"$pidfile.lock"
if ! flock -w "$((timeout + 30))" 9; then
  echo "another start of this node is still running on the host (lock $pidfile.lock)" >&2; exit ${START_EXIT.startInProgress}
fi
if running "$pidfile"; then
  if [ "$(cat "$pidfile.launch" 2>/dev/null || true)" = "$launch" ]; then echo "ALREADY_RUNNING $pid"; exit 0; fi
  echo "pid $pid runs with another configuration or JVM options (launch fingerprint $(cat "$pidfile.launch" 2>/dev/null || echo unknown))" >&2
  exit ${START_EXIT.differentLaunch}
fi
mkdir -p "$logdir"
before=0; [ -f "$out" ] && before="$(wc -l <"$out")"
# The last lines this start wrote, not an earlier start's "boot success".
this_start() { tail -n "+$((before + 1))" "$out" 2>/dev/null | tail -n 20; }
printf '%s\\n' "$launch" >"$pidfile.launch"
# 9>&-: the JVM must not inherit the lock, or it would hold it for its whole life.
ROCKETMQ_HOME="$home" JAVA_OPT_EXT="$opts" ROCKETMQ_LOG_DIR="$logdir" RMQ_START_GRACE=0 "$home/bin/$script" -c "$conf" --pidfile "$pidfile" 9>&-
pid="$(cat "$pidfile")"
deadline=$((SECONDS + timeout)); next=$((SECONDS + 5))
while ! tail -n "+$((before + 1))" "$out" 2>/dev/null | grep -q 'boot success'; do
  if ! running "$pidfile"; then
    echo "pid $pid exited during start; what it wrote to $out:" >&2; this_start >&2; exit ${START_EXIT.exitedDuringBoot}
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "pid $pid did not report boot success within \${timeout}s; what it wrote to $out:" >&2; this_start >&2; exit ${START_EXIT.bootTimeout}
  fi
  if [ "$SECONDS" -ge "$next" ]; then echo "still booting (pid $pid)…"; next=$((SECONDS + 5)); fi
  sleep 0.3
done
tail -n "+$((before + 1))" "$out" | grep 'boot success' | tail -n 1
echo "STARTED $pid"`;

/** Exit codes of STOP_NODE that mean "refused, nothing was signalled" or "stopped, but a port stays taken". */
export const STOP_EXIT = { notOurProcess: 4, otherConfig: 5, portsBusy: 6 } as const;

/**
 * Stops exactly the process named by a pidfile, after checking /proc/<pid>/cmdline holds the expected main class
 * and `-c <conf>`: a recycled pid or a hand-started broker with another config is never signalled.
 * SIGTERM (the JVM's shutdown hook flushes and unregisters), SIGKILL after the timeout, then waits until none of
 * the node's ports is listening any more.
 * $1 pidfile  $2 conf  $3 main class  $4 SIGTERM timeout (s)  $5… ports
 * Prints "NOT_RUNNING", "STOPPED <pid>" or "KILLED <pid>", then "PORTS_FREE".
 */
export const STOP_NODE = `set -u${PROCESS_FNS}
pidfile="$1"; conf="$2"; main="$3"; timeout="$4"; shift 4
listening() {
  taken=""
  open="$(listen_sockets | awk '{ split($2, a, ":"); print a[2] }')"
  for port in "$@"; do
    if printf '%s\\n' "$open" | grep -qx "$(printf '%04X' "$port")"; then taken="$taken $port"; fi
  done
  [ -n "$taken" ]
}
if ! live_pid "$pidfile"; then
  echo "NOT_RUNNING"
  rm -f "$pidfile"
  if listening "$@"; then
    echo "$pidfile names no live process, yet port(s)$taken are in use: a process the panel did not start holds them; stop it by hand first" >&2
    exit ${STOP_EXIT.portsBusy}
  fi
  echo "PORTS_FREE"
  exit 0
fi
args="$(tr '\\0' '\\n' <"/proc/$pid/cmdline" 2>/dev/null || true)"
if ! printf '%s\\n' "$args" | grep -qxF -- "$main"; then
  echo "pid $pid (from $pidfile) is not $main but: $(printf '%s' "$args" | tr '\\n' ' ' | cut -c1-300); nothing was signalled" >&2
  exit ${STOP_EXIT.notOurProcess}
fi
if ! printf '%s\\n' "$args" | grep -A1 -xF -- "-c" | grep -qxF -- "$conf"; then
  echo "pid $pid runs $main with another config than $conf: $(printf '%s' "$args" | tr '\\n' ' ' | cut -c1-300); nothing was signalled" >&2
  exit ${STOP_EXIT.otherConfig}
fi
echo "sending SIGTERM to pid $pid ($main -c $conf)"
kill -TERM "$pid" 2>/dev/null || true
deadline=$((SECONDS + timeout)); next=$((SECONDS + 5))
while alive "$pid" && [ "$SECONDS" -lt "$deadline" ]; do
  if [ "$SECONDS" -ge "$next" ]; then echo "still shutting down (pid $pid)…"; next=$((SECONDS + 5)); fi
  sleep 0.2
done
if alive "$pid"; then
  echo "pid $pid did not exit \${timeout}s after SIGTERM: sending SIGKILL" >&2
  kill -KILL "$pid" 2>/dev/null || true
  while alive "$pid"; do sleep 0.1; done
  echo "KILLED $pid"
else
  echo "STOPPED $pid"
fi
rm -f "$pidfile"
deadline=$((SECONDS + 30))
while listening "$@"; do
  if [ "$SECONDS" -ge "$deadline" ]; then echo "port(s)$taken still in use 30 s after pid $pid exited" >&2; exit ${STOP_EXIT.portsBusy}; fi
  sleep 0.2
done
echo "PORTS_FREE"`;

export const MAIN_CLASS = {
  namesrv: "org.apache.rocketmq.namesrv.NamesrvStartup",
  broker: "org.apache.rocketmq.broker.BrokerStartup",
} as const;
