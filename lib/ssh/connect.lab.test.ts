import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import ssh2 from "ssh2";
import { describe, expect, inject, it } from "vitest";
import { connectToLabHost, labConnectOptions } from "@/lib/testing/lab/connect";
import { connect, probeHostKey, withSession } from "./connect";
import {
  AuthFailedError,
  BadCredentialError,
  ConnectTimeoutError,
  ConnectionRefusedError,
  HostKeyMismatchError,
  HostKeyNotTrustedError,
} from "./errors";

const [host, otherHost] = inject("labHosts");

/** A TCP port that accepts connections and never says a word, like a black-holed SSH port. */
async function silentServer(): Promise<{ port: number; close: () => Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => sockets.add(s));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe("connecting to a host", () => {
  it("reads the host key without logging in, as OpenSSH prints its fingerprint", async () => {
    const key = await probeHostKey({ host: host.address, port: host.sshPort });
    expect(key).toEqual({ fingerprint: host.hostKeyFingerprint, algorithm: "ssh-ed25519" });
  });

  it("logs in when the host presents the pinned key", async () => {
    const result = await withSession(labConnectOptions(host), async (session) => {
      expect(session.hostKey.fingerprint).toBe(host.hostKeyFingerprint);
      return session.exec(["hostname"]);
    });
    expect(result.stdout).toBe(`${host.name}\n`);
  });

  it("refuses a host whose key differs from the pinned one, naming both keys", async () => {
    const attempt = connectToLabHost(host, { pinnedFingerprint: otherHost.hostKeyFingerprint });
    await expect(attempt).rejects.toBeInstanceOf(HostKeyMismatchError);
    await expect(attempt).rejects.toThrow(host.hostKeyFingerprint);
    await expect(attempt).rejects.toThrow(otherHost.hostKeyFingerprint);
  });

  it("never trusts an unpinned key silently, but hands its fingerprint to the caller", async () => {
    const attempt = connectToLabHost(host, { pinnedFingerprint: null });
    await expect(attempt).rejects.toBeInstanceOf(HostKeyNotTrustedError);
    await expect(attempt).rejects.toMatchObject({ fingerprint: host.hostKeyFingerprint });

    const session = await connectToLabHost(host, { pinnedFingerprint: null, trustOnFirstUse: true });
    expect(session.hostKey.fingerprint).toBe(host.hostKeyFingerprint);
    await session.close();
  });

  it("accepts a pinned fingerprint pasted with padding or without its prefix", async () => {
    const bare = host.hostKeyFingerprint.slice("SHA256:".length);
    const session = await connectToLabHost(host, { pinnedFingerprint: ` ${bare}= ` });
    await session.close();
  });

  it("reports a rejected key or password as an authentication failure", async () => {
    const stranger = ssh2.utils.generateKeyPairSync("ed25519");
    const withKey = connectToLabHost(host, { auth: { kind: "ssh_key", privateKey: stranger.private } });
    await expect(withKey).rejects.toBeInstanceOf(AuthFailedError);
    await expect(withKey).rejects.toThrow(/rejected the SSH key for user root/);
    // The lab's sshd allows root only with a key (PermitRootLogin prohibit-password).
    const withPassword = connectToLabHost(host, { auth: { kind: "password", password: "hunter2" } });
    await expect(withPassword).rejects.toBeInstanceOf(AuthFailedError);
  });

  it("says so when a key needs a passphrase that was not given", async () => {
    const locked = ssh2.utils.generateKeyPairSync("ed25519", { passphrase: "secret", cipher: "aes256-ctr", rounds: 4 });
    const attempt = connectToLabHost(host, { auth: { kind: "ssh_key", privateKey: locked.private } });
    await expect(attempt).rejects.toBeInstanceOf(BadCredentialError);
  });

  it("reports a closed port as connection refused", async () => {
    const attempt = connectToLabHost(host, { port: 2222 });
    await expect(attempt).rejects.toBeInstanceOf(ConnectionRefusedError);
    await expect(attempt).rejects.toThrow(`${host.address}:2222 refused the connection`);
  });

  it("gives up on a host that never answers within the timeout", async () => {
    const silent = await silentServer();
    const started = Date.now();
    try {
      const attempt = connect({ ...labConnectOptions(host), host: "127.0.0.1", port: silent.port, timeoutMs: 500 });
      await expect(attempt).rejects.toBeInstanceOf(ConnectTimeoutError);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      await silent.close();
    }
  });

  it("leaves no socket or timer behind after close: the process exits by itself", async () => {
    // In a fresh Node process, so nothing else in the test run can hold the event loop open.
    const dir = await mkdtemp(path.join(os.tmpdir(), "rmq-ssh-close-"));
    const script = path.join(dir, "close.mjs");
    await writeFile(script, CLOSE_THEN_IDLE);
    try {
      const lib = path.resolve(import.meta.dirname, "index.ts");
      const child = spawn(
        process.execPath,
        [
          "--conditions=react-server",
          "--import",
          "tsx",
          script,
          lib,
          JSON.stringify(labConnectOptions(host, { auth: undefined })),
          host.privateKeyPath,
        ],
        {
          cwd: path.resolve(import.meta.dirname, "../.."),
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      let output = "";
      child.stdout.on("data", (chunk) => (output += chunk));
      child.stderr.on("data", (chunk) => (output += chunk));
      let closedAt = 0;
      child.stdout.on("data", () => (closedAt ||= output.includes("closed") ? Date.now() : 0));
      const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
      expect(output).toContain("closed");
      expect(code).toBe(0);
      // A leaked close timer (2 s), keepalive timer (10 s) or socket would keep the process alive longer.
      expect(Date.now() - closedAt).toBeLessThan(1_500);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

const CLOSE_THEN_IDLE = `
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
const [lib, options, keyPath] = process.argv.slice(2);
const { connect } = await import(pathToFileURL(lib).href);
const session = await connect({ ...JSON.parse(options), auth: { kind: "ssh_key", privateKey: readFileSync(keyPath) } });
await session.exec(["true"]);
await session.readFile("/etc/hostname");
await session.close();
console.log("closed");
`;
