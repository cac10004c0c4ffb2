// Shell scripts the deploy's preflight and install run on hosts (a node's own process: lib/nodes/remote-scripts.ts).
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
