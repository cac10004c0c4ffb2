// Shell scripts that put a RocketMQ release on a host (a node's own process: remote-scripts.ts).
// Each takes its inputs as "$1", "$2"… (quoted by lib/ssh), never pasted into the text.

/** The file in a release's home that names the tarball it was unpacked from (its SHA-256). */
export const INSTALL_MARKER = ".rmq-panel-sha256";

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
printf '%s\\n' "$3" >"$2.partial/${INSTALL_MARKER}"
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
