// The stop script the node operations run on hosts. Inputs arrive as "$1", "$2"… (quoted by lib/ssh), never
// pasted into the text. Never mqshutdown: it signals every broker on the host.

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
export const STOP_NODE = `set -u
pidfile="$1"; conf="$2"; main="$3"; timeout="$4"; shift 4
alive() {
  state="$(awk '{ print $3 }' "/proc/$1/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ]
}
listening() {
  taken=""
  open="$(awk '$4 == "0A" { split($2, a, ":"); print a[2] }' /proc/net/tcp /proc/net/tcp6 2>/dev/null)"
  for port in "$@"; do
    if printf '%s\\n' "$open" | grep -qx "$(printf '%04X' "$port")"; then taken="$taken $port"; fi
  done
  [ -n "$taken" ]
}
pid="$(cat "$pidfile" 2>/dev/null || true)"
case "$pid" in ''|*[!0-9]*) pid="" ;; esac
if [ -z "$pid" ] || ! alive "$pid"; then
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
