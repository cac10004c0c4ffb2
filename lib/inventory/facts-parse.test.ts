import { describe, expect, it } from "vitest";
import { hostFactsSchema } from "./facts-schema";
import {
  factsFromOutput,
  parseDfAvailableBytes,
  parseJavaVersion,
  parseMemTotalBytes,
  parseOsRelease,
  parseProcNetTcp,
  parseSsListening,
  splitSections,
} from "./facts-parse";

describe("parsing host facts", () => {
  it("reads os-release, quoted or not", () => {
    const debian = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n`;
    expect(parseOsRelease(debian)).toEqual({ id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" });
    const odd = `NAME='Weird "OS"'\nID=weird\nPRETTY_NAME="A \\"quoted\\" \\$name"\n# comment\n`;
    expect(parseOsRelease(odd)).toEqual({ id: "weird", versionId: null, prettyName: 'A "quoted" $name' });
    expect(parseOsRelease("")).toEqual({ id: "linux", versionId: null, prettyName: "linux" });
  });

  it.each([
    ['openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment (build 17.0.15+6-Debian-1deb12u1)', "17.0.15", 17],
    ['java version "1.8.0_381"\nJava(TM) SE Runtime Environment (build 1.8.0_381-b09)', "1.8.0_381", 8],
    ['openjdk version "21" 2023-09-19\nOpenJDK Runtime Environment Temurin-21+35', "21", 21],
    ['openjdk version "25-ea" 2025-09-16', "25-ea", 25],
    ['Picked up JAVA_TOOL_OPTIONS: -Xmx512m\nopenjdk version "11.0.2" 2019-01-15', "11.0.2", 11],
  ])("reads the Java version from %j", (text, version, major) => {
    expect(parseJavaVersion(text)).toEqual({ version, major, raw: text });
  });

  it("has no Java when `java -version` printed nothing useful", () => {
    expect(parseJavaVersion("")).toBeNull();
    expect(parseJavaVersion("sh: 1: java: not found")).toBeNull();
    expect(parseJavaVersion("Error: could not open `/usr/lib/jvm/lib/jvm.cfg'")).toBeNull();
  });

  it("finds listening ports in /proc/net/tcp and tcp6, ignoring other states", () => {
    const tcp = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:1538 00000000:0000 0A 00000000:00000000 00:00000000 00000000   101        0 73263 1 0000000080944bf3 100 0 0 10 0",
      "   1: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1145 1 00000000b47b1986 100 0 0 10 0",
      "   2: 0B004D0A:0016 01004D0A:C8A2 01 00000000:00000000 02:0009F0B3 00000000     0        0 80312 2 00000000d43ad8b5 20 4 29 10 -1",
      "  sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 00000000000000000000000000000000:4E4A 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 70700 1 00000000cc5c0c61 100 0 0 10 0",
      "   1: 0000000000000000FFFF00000100007F:4E20 0000000000000000FFFF00000100007F:8752 06 00000000:00000000 03:00001570 00000000     0        0 0 3 000000001c27fe23",
      "   2: 00000000000000000000000000000000:07E8 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1146 1 00000000cc5c0c62 100 0 0 10 0",
    ].join("\n");
    expect(parseProcNetTcp(tcp)).toEqual([2024, 5432, 20042]);
  });

  it("finds listening ports in `ss -ltnH` output", () => {
    const ss = [
      "LISTEN 0      200    127.0.0.1:5432  0.0.0.0:*",
      "LISTEN 0      128      0.0.0.0:2024  0.0.0.0:*",
      "LISTEN 0      1024           *:20042       *:*",
      "LISTEN 0      4096      [::]:22        [::]:*",
      "LISTEN 0      4096   127.0.0.53%lo:53  0.0.0.0:*",
      "LISTEN 0      50     [::ffff:127.0.0.1]:9876 *:*",
      "LISTEN 0      4096      [::]:22        [::]:*",
    ].join("\n");
    expect(parseSsListening(ss)).toEqual([22, 53, 2024, 5432, 9876, 20042]);
    expect(parseSsListening("")).toEqual([]);
  });

  it("reads total memory and free disk space", () => {
    expect(parseMemTotalBytes("MemTotal:       24683656 kB\nMemFree:        23065004 kB")).toBe(24683656 * 1024);
    expect(parseMemTotalBytes("")).toBeNull();
    const df =
      "Filesystem     1024-blocks     Used Available Capacity Mounted on\n/dev/vda         264212084 14672276  80828988      16% /\n";
    expect(parseDfAvailableBytes(df)).toBe(80828988 * 1024);
    const spaced = "Filesystem 1024-blocks Used Available Capacity Mounted on\nmy share 1000 200 800 20% /mnt/my data\n";
    expect(parseDfAvailableBytes(spaced)).toBe(800 * 1024);
    expect(parseDfAvailableBytes("df: /x: No such file or directory")).toBeNull();
  });

  it("splits the script output into sections", () => {
    const out = "\n@@facts:kernel@@\n6.1.0\n\n@@facts:java@@\n\n@@facts:end@@\n";
    expect(splitSections(out)).toEqual(
      new Map([
        ["kernel", "6.1.0"],
        ["java", ""],
        ["end", ""],
      ]),
    );
  });

  it("reads a whole script output, falling back to ss when /proc/net/tcp is unreadable", () => {
    const output = [
      "",
      "@@facts:os-release@@",
      'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"',
      "ID=debian",
      'VERSION_ID="12"',
      "",
      "@@facts:kernel@@",
      "6.1.0-31-amd64",
      "",
      "@@facts:cpus@@",
      "4",
      "",
      "@@facts:meminfo@@",
      "MemTotal:        8000000 kB",
      "",
      "@@facts:df@@",
      "Filesystem 1024-blocks Used Available Capacity Mounted on",
      "/dev/sda1 100 40 60 40% /",
      "",
      "@@facts:java@@",
      "",
      "@@facts:tcp@@",
      "",
      "@@facts:ss@@",
      "LISTEN 0 4096 0.0.0.0:22 0.0.0.0:*",
      "LISTEN 0 50 *:9876 *:*",
      "",
      "@@facts:end@@",
      "",
    ].join("\n");
    const { complete, ...facts } = factsFromOutput(output, "/data/rocketmq", new Date("2026-01-02T03:04:05Z"));
    expect(complete).toBe(true);
    expect(hostFactsSchema.parse(facts)).toEqual({
      os: { id: "debian", versionId: "12", prettyName: "Debian GNU/Linux 12 (bookworm)" },
      kernel: "6.1.0-31-amd64",
      cpuCount: 4,
      memoryBytes: 8000000 * 1024,
      diskPath: "/data/rocketmq",
      diskFreeBytes: 60 * 1024,
      java: null,
      listeningTcpPorts: [22, 9876],
      gatheredAt: "2026-01-02T03:04:05.000Z",
    });
  });
});
