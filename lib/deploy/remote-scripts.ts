// Shell scripts the deploy steps run on hosts. Each takes its inputs as "$1", "$2"… (quoted by lib/ssh), never
// pasted into the text. bash, because the distribution's bin/ scripts need it anyway.

/** True while the pidfile names a live RocketMQ JVM (a zombie counts as gone; a recycled pid is not ours). */
const RUNNING_FN = `
running() {
  pid="$(cat "$1" 2>/dev/null || true)"
  case "$pid" in ''|*[!0-9]*) return 1 ;; esac
  state="$(awk '{ print $3 }' "/proc/$pid/stat" 2>/dev/null || true)"
  [ -n "$state" ] && [ "$state" != Z ] || return 1
  tr '\\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q 'org\\.apache\\.rocketmq\\.'
}`;

/** Prints the Java in use and its version line; exit 10 when there is none. */
export const FIND_JAVA = `
if [ -n "\${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java || true)"; fi
[ -n "$java" ] || exit 10
echo "$java"
"$java" -version 2>&1 | head -n 1`;

/** "RUNNING <pidfile>" per live pidfile given as arguments, then the kernel's listening TCP sockets (hex). */
export const LISTENING_PORTS = `${RUNNING_FN}
for pidfile in "$@"; do if running "$pidfile"; then echo "RUNNING $pidfile"; fi; done
awk '$4 == "0A" { print "LISTEN " $2 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null`;

/** "<path> <free KiB>" for each path, measured on its nearest existing ancestor. */
export const FREE_SPACE = `
for path in "$@"; do
  dir="$path"; while [ ! -d "$dir" ]; do dir="$(dirname "$dir")"; done
  echo "$path $(df -Pk "$dir" | awk 'NR == 2 { print $4 }')"
done`;

/**
 * Unpacks the verified tarball into a fresh folder beside the target, then renames it into place:
 * a cut-off run leaves a .partial folder, never a half-installed distribution.
 * $1 tarball  $2 home  $3 sha256
 */
export const UNPACK = `set -eu
rm -rf "$2.partial"
mkdir -p "$2.partial"
tar -xzf "$1" -C "$2.partial" --strip-components=1
test -x "$2.partial/bin/mqbroker" || { echo "the tarball has no bin/mqbroker" >&2; exit 3; }
printf '%s\\n' "$3" >"$2.partial/.rmq-panel-sha256"
rm -rf "$2"
mv "$2.partial" "$2"
echo "unpacked into $2"`;

/** $1 url  $2 target: curl, else wget; into a temp name first. */
export const DOWNLOAD = `set -eu
mkdir -p "$(dirname "$2")"
if command -v curl >/dev/null 2>&1; then curl -fsSL --retry 2 -o "$2.download" "$1"
elif command -v wget >/dev/null 2>&1; then wget -q -O "$2.download" "$1"
else echo "neither curl nor wget is installed" >&2; exit 4; fi
mv "$2.download" "$2"`;

export const START_EXIT = { differentLaunch: 3, exitedDuringBoot: 4, bootTimeout: 5 } as const;

/**
 * Starts one process unless it runs already, then waits for its "boot success" line.
 * $1 ROCKETMQ_HOME  $2 conf  $3 pidfile  $4 log dir  $5 JAVA_OPT_EXT  $6 launch fingerprint
 * $7 mqnamesrv|mqbroker  $8 out file name (namesrv|broker)  $9 boot timeout (s)
 * Prints "ALREADY_RUNNING <pid>" (same fingerprint) or "STARTED <pid>"; exits 3 when it runs with another one.
 * Never mqshutdown: it stops every broker on the host. One pidfile, one process.
 */
export const START_NODE = `set -eu${RUNNING_FN}
home="$1"; conf="$2"; pidfile="$3"; logdir="$4"; opts="$5"; launch="$6"; script="$7"; out="$4/$8.out"; timeout="$9"
if running "$pidfile"; then
  if [ "$(cat "$pidfile.launch" 2>/dev/null || true)" = "$launch" ]; then echo "ALREADY_RUNNING $pid"; exit 0; fi
  echo "pid $pid runs with another configuration or JVM options (launch fingerprint $(cat "$pidfile.launch" 2>/dev/null || echo unknown))" >&2
  exit ${START_EXIT.differentLaunch}
fi
mkdir -p "$logdir"
before=0; [ -f "$out" ] && before="$(wc -l <"$out")"
printf '%s\\n' "$launch" >"$pidfile.launch"
ROCKETMQ_HOME="$home" JAVA_OPT_EXT="$opts" ROCKETMQ_LOG_DIR="$logdir" RMQ_START_GRACE=0 "$home/bin/$script" -c "$conf" --pidfile "$pidfile"
pid="$(cat "$pidfile")"
deadline=$((SECONDS + timeout)); next=$((SECONDS + 5))
while ! tail -n "+$((before + 1))" "$out" 2>/dev/null | grep -q 'boot success'; do
  if ! running "$pidfile"; then
    echo "pid $pid exited during start; the end of $out:" >&2; tail -n 20 "$out" >&2; exit ${START_EXIT.exitedDuringBoot}
  fi
  if [ "$SECONDS" -ge "$deadline" ]; then
    echo "pid $pid did not report boot success within \${timeout}s; the end of $out:" >&2; tail -n 20 "$out" >&2; exit ${START_EXIT.bootTimeout}
  fi
  if [ "$SECONDS" -ge "$next" ]; then echo "still booting (pid $pid)…"; next=$((SECONDS + 5)); fi
  sleep 0.3
done
tail -n "+$((before + 1))" "$out" | grep 'boot success' | tail -n 1
echo "STARTED $pid"`;
