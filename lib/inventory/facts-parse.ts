// Pure parsers for the output of the facts script (facts.ts). No I/O: unit-tested on samples
// from real hosts.
import type { HostFacts, JavaFacts } from "./facts-schema";

const SECTION = /^@@facts:([a-z-]+)@@$/;

/** The facts read from the script's output, before schema validation (a field may be null or NaN). */
export function factsFromOutput(output: string, diskPath: string, gatheredAt: Date) {
  const sections = splitSections(output);
  const section = (name: string) => sections.get(name) ?? "";
  const tcp = section("tcp");
  return {
    os: parseOsRelease(section("os-release")),
    kernel: section("kernel"),
    cpuCount: Number(section("cpus")),
    memoryBytes: parseMemTotalBytes(section("meminfo")),
    diskPath,
    diskFreeBytes: parseDfAvailableBytes(section("df")),
    java: parseJavaVersion(section("java")),
    // procfs first: \`ss\` (iproute2) is missing on minimal hosts.
    listeningTcpPorts: tcp ? parseProcNetTcp(tcp) : parseSsListening(section("ss")),
    gatheredAt: gatheredAt.toISOString(),
    complete: sections.has("end"),
  };
}

/** Splits the script's output into its named sections. */
export function splitSections(output: string): Map<string, string> {
  const sections = new Map<string, string>();
  let name: string | null = null;
  let lines: string[] = [];
  const flush = () => {
    if (name !== null) sections.set(name, lines.join("\n").trim());
  };
  for (const line of output.split("\n")) {
    const match = SECTION.exec(line);
    if (match) {
      flush();
      name = match[1];
      lines = [];
    } else {
      lines.push(line);
    }
  }
  flush();
  return sections;
}

/** os-release(5): KEY=value lines, values optionally quoted, with backslash escapes inside quotes. */
export function parseOsRelease(text: string): HostFacts["os"] {
  const values = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^([A-Z0-9_]+)=(.*)$/.exec(line.trim());
    if (match) values.set(match[1], unquote(match[2]));
  }
  const id = values.get("ID") || "linux";
  return {
    id,
    versionId: values.get("VERSION_ID") || null,
    prettyName: values.get("PRETTY_NAME") || values.get("NAME") || id,
  };
}

function unquote(value: string): string {
  const quote = value[0];
  if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
    const inner = value.slice(1, -1);
    return quote === '"' ? inner.replace(/\\(["\\$`])/g, "$1") : inner;
  }
  return value;
}

/**
 * `java -version` writes to stderr, e.g. `openjdk version "17.0.15" 2025-04-15` or
 * `java version "1.8.0_381"`, possibly after a "Picked up JAVA_TOOL_OPTIONS" line.
 */
export function parseJavaVersion(text: string): JavaFacts | null {
  const match = /^\S+ version "([^"]+)"/m.exec(text);
  if (!match) return null;
  const version = match[1];
  const numbers = /^(\d+)(?:\.(\d+))?/.exec(version);
  if (!numbers) return null;
  // Before Java 9 the feature release was the second number: 1.8 is Java 8.
  const major = numbers[1] === "1" && numbers[2] ? Number(numbers[2]) : Number(numbers[1]);
  return { version, major, raw: text.trim() };
}

/**
 * /proc/net/tcp and /proc/net/tcp6: one socket per line, local address as HEXIP:HEXPORT,
 * state in the 4th column (0A = LISTEN).
 */
export function parseProcNetTcp(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 4 || fields[3] !== "0A") continue;
    const port = Number.parseInt(fields[1].split(":")[1] ?? "", 16);
    if (port > 0) ports.add(port);
  }
  return sorted(ports);
}

/** `ss -ltnH`: State Recv-Q Send-Q Local-Address:Port Peer-Address:Port, e.g. `[::]:22`, `*:9876`, `127.0.0.53%lo:53`. */
export function parseSsListening(text: string): number[] {
  const ports = new Set<number>();
  for (const line of text.split("\n")) {
    const fields = line.trim().split(/\s+/);
    if (fields.length < 5 || fields[0] !== "LISTEN") continue;
    const port = Number(fields[3].slice(fields[3].lastIndexOf(":") + 1));
    if (Number.isInteger(port) && port > 0) ports.add(port);
  }
  return sorted(ports);
}

/** /proc/meminfo reports kB (really KiB). */
export function parseMemTotalBytes(text: string): number | null {
  const match = /^MemTotal:\s+(\d+)\s*kB/m.exec(text);
  return match ? Number(match[1]) * 1024 : null;
}

/**
 * `df -Pk PATH`: a header, then `FS 1024-blocks Used Available Capacity% Mounted-on`. Matched
 * from the numbers so a file system or mount point with spaces cannot shift the columns.
 */
export function parseDfAvailableBytes(text: string): number | null {
  const line = text.split("\n").find((l) => /\s\d+\s+\d+\s+\d+\s+\d+%\s/.test(l));
  const match = line ? /\s(\d+)\s+(\d+)\s+(\d+)\s+\d+%\s/.exec(line) : null;
  return match ? Number(match[3]) * 1024 : null;
}

function sorted(ports: Set<number>): number[] {
  return [...ports].sort((a, b) => a - b);
}
