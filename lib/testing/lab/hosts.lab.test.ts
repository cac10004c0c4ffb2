import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import net from "node:net";
import { randomBytes } from "node:crypto";
import { describe, expect, inject, it } from "vitest";
import { type LabHost, labHostDir, labStatus, rekeyLabHost } from "./hosts";
import { presentedFingerprint } from "./sshd";

const hosts = inject("labHosts");
const javaHosts = hosts.filter((h) => h.java);
const noJavaHost = hosts.find((h) => !h.java);

interface SshResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** OpenSSH's own client, so these tests check the lab without trusting lib/ssh. */
function ssh(host: LabHost, command: string): Promise<SshResult> {
  const args = [
    "-i",
    host.privateKeyPath,
    "-p",
    String(host.sshPort),
    "-o",
    "BatchMode=yes",
    "-o",
    "StrictHostKeyChecking=no",
    "-o",
    "UserKnownHostsFile=/dev/null",
    "-o",
    "LogLevel=ERROR",
    `${host.user}@${host.address}`,
    command,
  ];
  return new Promise((resolve) => {
    execFile("ssh", args, { timeout: 20_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      resolve({ code, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

function quote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

function readLine(host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host, port });
    let data = "";
    socket.setTimeout(5_000, () => socket.destroy(new Error(`no answer from ${host}:${port}`)));
    socket.on("data", (chunk) => (data += chunk.toString()));
    socket.on("end", () => resolve(data.trim()));
    socket.on("error", reject);
  });
}

// Serves its tag to every connection for 20 s; perl-base is on every Debian host.
const TAG_SERVER =
  'nohup timeout 20 perl -MIO::Socket::INET -e \'$s = IO::Socket::INET->new(LocalPort => $ARGV[0], Listen => 5, ReuseAddr => 1) or die "$!"; while ($c = $s->accept) { print $c "$ARGV[1]\\n"; close $c }\' "$0" "$1" >/dev/null 2>&1 & ' +
  'for i in $(seq 50); do (exec 3<>/dev/tcp/127.0.0.1/"$0") 2>/dev/null && exit 0; sleep 0.1; done; exit 1';

describe("SSH host lab", () => {
  it("gives every host its own sshd, answering with the host key the lab reports", async () => {
    expect(hosts.length).toBeGreaterThanOrEqual(3);
    const names = await Promise.all(hosts.map((host) => ssh(host, "hostname")));
    expect(names.map((r) => r.stdout)).toEqual(hosts.map((h) => `${h.name}\n`));
    const keyscan = await new Promise<string>((resolve, reject) =>
      execFile("sh", ["-c", `ssh-keyscan -t ed25519 ${hosts[0].address} 2>/dev/null | ssh-keygen -lf -`], (err, out) =>
        err ? reject(err) : resolve(String(out)),
      ),
    );
    expect(keyscan).toContain(hosts[0].hostKeyFingerprint);
  });

  it("lets two hosts listen on the same TCP port at once", async () => {
    const [a, b] = javaHosts;
    const port = 20_000 + Math.floor(Math.random() * 10_000);
    const started = await Promise.all([a, b].map((h) => ssh(h, `bash -c ${quote(TAG_SERVER)} ${port} ${h.name}`)));
    expect(started.map((r) => r.code)).toEqual([0, 0]);
    expect(await readLine(a.address, port)).toBe(a.name);
    expect(await readLine(b.address, port)).toBe(b.name);
  });

  it("keeps each host's /tmp private", async () => {
    const [a, b] = javaHosts;
    const marker = `/tmp/rmqlab-marker-${randomBytes(6).toString("hex")}`;
    expect((await ssh(a, `echo ${a.name} > ${marker}`)).code).toBe(0);
    expect((await ssh(b, `test -e ${marker}`)).code).toBe(1);
    expect(existsSync(marker)).toBe(false);
    const seenFromOutside = `${labHostDir(a.name, "/tmp")}/${marker.slice("/tmp/".length)}`;
    expect(await readFile(seenFromOutside, "utf8")).toBe(`${a.name}\n`);
  });

  it("has a host without Java, and Java on the others", async () => {
    expect(noJavaHost, "the lab needs a host started with --no-java").toBeDefined();
    const missing = await ssh(noJavaHost!, "java -version");
    expect(missing.code).toBe(127);
    const present = await ssh(javaHosts[0], "java -version");
    expect(present.code).toBe(0);
    expect(present.stderr).toMatch(/version "\d+/);
  });

  it("connects hosts to each other by name, and to nothing outside the lab", async () => {
    const [a, b] = javaHosts;
    const banner = await ssh(a, `exec 3<>/dev/tcp/${b.name}/22 && head -c 8 <&3`);
    expect(banner.stdout).toBe("SSH-2.0-");
    const outside = await ssh(a, "ip route get 192.0.2.2");
    expect(outside.code).not.toBe(0);
    expect(outside.stderr).toMatch(/unreachable/i);
  });

  it("reports the running lab as status", async () => {
    expect(await labStatus()).toEqual(hosts);
  });

  // Last: it changes the lab's state. The last Java host is left to this test by the others.
  it("can give a host a new host key, as a reinstall would", async () => {
    const host = javaHosts.at(-1)!;
    const fresh = await rekeyLabHost(host.name);
    expect(fresh).not.toBe(host.hostKeyFingerprint);
    expect(await presentedFingerprint(host.address)).toBe(fresh);
    expect((await labStatus()).find((h) => h.name === host.name)?.hostKeyFingerprint).toBe(fresh);
    expect((await ssh(host, "true")).code).toBe(0);
  });
});
