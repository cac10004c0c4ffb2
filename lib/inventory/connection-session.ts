import "server-only";
import { setTimeout as sleep } from "node:timers/promises";
import type { Host } from "../db/generated/client";
import { connect, SshError, type SshSession } from "../ssh";
import { loadCredentialSecret } from "./credentials";

// Long enough for a slow link, short enough that a dead host does not hang a page or a job step.
export const CONNECT_TIMEOUT_MS = 10_000;
// Dead links are noticed within three missed keepalives: 15 s, not the default 30 s.
const KEEPALIVE_MS = 5_000;
const CONNECT_ATTEMPTS = 3;

/** A host row whose credential and host key are set: all a session needs. */
export type PinnedHost = Pick<Host, "address" | "sshPort" | "sshUser"> & { credentialId: string; hostKeyFingerprint: string };

/**
 * The one way the panel opens a session to an inventory host (the connection test, deploys, node operations):
 * its credential, its pinned key and no other, keepalive, and two more tries when the connection is cut early.
 */
export async function openHostSession(host: PinnedHost): Promise<SshSession> {
  const options = {
    host: host.address,
    port: host.sshPort,
    username: host.sshUser,
    auth: await loadCredentialSecret(host.credentialId),
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
