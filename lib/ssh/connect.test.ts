import net from "node:net";
import { utils } from "ssh2";
import { describe, expect, inject, it } from "vitest";
import { connectToLabHost, labConnectOptions } from "@/e2e/lab/connect";
import { connect, probeHostKey, withSession } from "./connect";
import {
  AuthFailedError, BadCredentialError, ConnectTimeoutError, ConnectionRefusedError, HostKeyMismatchError,
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
      sockets.forEach((s) => s.destroy());
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
    const stranger = utils.generateKeyPairSync("ed25519");
    const withKey = connectToLabHost(host, { auth: { kind: "ssh_key", privateKey: stranger.private } });
    await expect(withKey).rejects.toBeInstanceOf(AuthFailedError);
    await expect(withKey).rejects.toThrow(/rejected the SSH key for user root/);
    // The lab's sshd allows root only with a key (PermitRootLogin prohibit-password).
    const withPassword = connectToLabHost(host, { auth: { kind: "password", password: "hunter2" } });
    await expect(withPassword).rejects.toBeInstanceOf(AuthFailedError);
  });

  it("says so when a key needs a passphrase that was not given", async () => {
    const locked = utils.generateKeyPairSync("ed25519", { passphrase: "secret", cipher: "aes256-ctr", rounds: 4 });
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
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await silent.close();
    }
  });

  it("leaves no socket or timer behind after close", async () => {
    const resources = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap" || r === "Timeout");
    const before = resources().length;
    const session = await connectToLabHost(host);
    expect(resources().length).toBeGreaterThan(before);
    await session.exec(["true"]);
    await session.readFile("/etc/hostname");
    await session.close();
    await session.close();
    expect(session.closed).toBe(true);
    expect(resources().length).toBeLessThanOrEqual(before);
  });
});
