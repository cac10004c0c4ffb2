// Shell scripts the deploy's preflight runs on hosts (a node's own process: lib/nodes/remote-scripts.ts; a release's
// install: lib/nodes/install-scripts.ts).
// Each takes its inputs as "$1", "$2"… (quoted by lib/ssh), never pasted into the text.

/** Prints the Java in use and its version line; exit 10 when there is none. */
export const FIND_JAVA = `
if [ -n "\${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then java="$JAVA_HOME/bin/java"; else java="$(command -v java || true)"; fi
[ -n "$java" ] || exit 10
echo "$java"
"$java" -version 2>&1 | head -n 1`;

/** "<path> <free KiB>" for each path, measured on its nearest existing ancestor. */
export const FREE_SPACE = `
for path in "$@"; do
  dir="$path"; while [ ! -d "$dir" ]; do dir="$(dirname "$dir")"; done
  echo "$path $(df -Pk "$dir" | awk 'NR == 2 { print $4 }')"
done`;
