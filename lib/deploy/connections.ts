import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Host } from "../db/generated/client";
import { loadCredentialSecret } from "../inventory/credentials";
import { StepFailure } from "../jobs/model";
import { connect, SshError, type SshSession } from "../ssh";

// Dead links are noticed within three missed keepalives: 15 s, not the default 30 s.
const KEEPALIVE_MS = 5_000;
const CONNECT_TIMEOUT_MS = 10_000;
const CONNECT_ATTEMPTS = 3;

/** One SSH session per host for one run of a job, opened on first use and again after a drop. */
export class HostConnections {
  private readonly sessions = new Map<string, Promise<SshSession>>();

  constructor(private readonly hosts: Map<string, Host>) {}

  host(hostId: string): Host {
    const host = this.hosts.get(hostId);
    if (!host) throw new StepFailure(`Host ${hostId} is no longer in the inventory.`);
    return host;
  }

  async session(hostId: string): Promise<SshSession> {
    const existing = await this.sessions.get(hostId)?.catch(() => null);
    if (existing && !existing.closed) return existing;
    const opening = this.open(this.host(hostId));
    this.sessions.set(hostId, opening);
    opening.catch(() => this.sessions.delete(hostId));
    return opening;
  }

  /** Cuts one host's session (an aborted SFTP upload has no other way to stop). */
  async drop(hostId: string): Promise<void> {
    const session = await this.sessions.get(hostId)?.catch(() => null);
    this.sessions.delete(hostId);
    await session?.close();
  }

  async closeAll(): Promise<void> {
    const all = [...this.sessions.values()];
    this.sessions.clear();
    await Promise.all(all.map((s) => s.then((session) => session.close()).catch(() => undefined)));
  }

  private async open(host: Host): Promise<SshSession> {
    if (!host.credentialId) throw new StepFailure(`Host ${host.name} has no SSH credential; assign one on the host page.`);
    if (!host.hostKeyFingerprint) {
      throw new StepFailure(`Host ${host.name} has no trusted host key yet; test its connection and trust the key on the host page first.`);
    }
    const auth = await loadCredentialSecret(host.credentialId);
    const options = {
      host: host.address,
      port: host.sshPort,
      username: host.sshUser,
      auth,
      pinnedFingerprint: host.hostKeyFingerprint,
      timeoutMs: CONNECT_TIMEOUT_MS,
      keepaliveIntervalMs: KEEPALIVE_MS,
    };
    // A connection cut before the handshake is sshd shedding load (MaxStartups) or a blip: worth two more tries.
    // Refusals, timeouts, bad keys and failed logins are not: they fail at once, with their own message.
    for (let attempt = 1; ; attempt++) {
      try {
        return await connect(options);
      } catch (error) {
        if (!(error instanceof SshError && error.code === "connection-dropped") || attempt === CONNECT_ATTEMPTS) throw error;
        await sleep(attempt * 1_000);
      }
    }
  }
}
