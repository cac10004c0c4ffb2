import { readFileSync } from "node:fs";
import { type ConnectOptions, type SshSession, connect } from "@/lib/ssh";
import type { LabHost } from "./hosts";

/** lib/ssh options for a lab host: the lab's client key, its host key pinned. */
export function labConnectOptions(host: LabHost, overrides: Partial<ConnectOptions> = {}): ConnectOptions {
  return {
    host: host.address,
    port: host.sshPort,
    username: host.user,
    auth: { kind: "ssh_key", privateKey: readFileSync(host.privateKeyPath) },
    pinnedFingerprint: host.hostKeyFingerprint,
    // Generous: a loaded CI machine can take seconds for a handshake.
    timeoutMs: 20_000,
    ...overrides,
  };
}

export function connectToLabHost(host: LabHost, overrides: Partial<ConnectOptions> = {}): Promise<SshSession> {
  return connect(labConnectOptions(host, overrides));
}
