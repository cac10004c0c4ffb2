import "server-only";
import type { Host } from "../db/generated/client";
import { openHostSession } from "../inventory/connection-session";
import { StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
import type { SshSession } from "../ssh";

/** One SSH session per host for one run of a job, opened on first use and again after a drop. */
export class HostConnections {
  private readonly sessions = new Map<string, Promise<SshSession>>();

  constructor(private readonly hosts: Map<string, Host>) {}

  host(hostId: string): Host {
    const host = this.hosts.get(hostId);
    if (!host) throw new StepFailure(message("jobLog.node.hostGone", { host: hostId }));
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
    const { credentialId, hostKeyFingerprint } = host;
    if (!credentialId) throw new StepFailure(message("jobLog.node.noCredential", { host: host.name }));
    if (!hostKeyFingerprint) throw new StepFailure(message("jobLog.node.noHostKey", { host: host.name }));
    return openHostSession({ ...host, credentialId, hostKeyFingerprint });
  }
}
