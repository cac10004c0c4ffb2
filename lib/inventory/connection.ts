import "server-only";
import { recordAudit, type Actor } from "../audit";
import { hasRole } from "../auth/roles";
import type { SessionUser } from "../auth/session";
import { db } from "../db";
import { AppError, notFound } from "../errors";
import { message } from "../i18n/message";
import { HostKeyMismatchError, probeHostKey, SshError } from "../ssh";
import { CONNECT_TIMEOUT_MS, openHostSession } from "./connection-session";
import type { ConnectionResult } from "./connection-types";
import { gatherFacts, HostFactsError } from "./facts";

/**
 * "Test connection": with no pinned key, only reads the host key for the operator to confirm;
 * with one, connects (refusing any other key), gathers facts and stores them.
 */
export async function testConnection(actor: Actor, hostId: string, options: { diskPath: string }): Promise<ConnectionResult> {
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  const { credentialId, hostKeyFingerprint } = host;
  if (!credentialId) throw new AppError(message("errors.inventory.noCredential", { name: host.name }), 400, "no_credential");
  if (!hostKeyFingerprint) {
    const { fingerprint } = await withSshErrors(() =>
      probeHostKey({ host: host.address, port: host.sshPort, timeoutMs: CONNECT_TIMEOUT_MS }),
    );
    return { status: "needs_trust", fingerprint };
  }

  const started = Date.now();
  const session = await withSshErrors(
    () => openHostSession({ ...host, credentialId, hostKeyFingerprint }),
    async (error) => {
      if (error instanceof HostKeyMismatchError) {
        await recordAudit(db, actor, {
          action: "host.host_key_mismatch",
          targetType: "host",
          targetId: host.id,
          targetName: host.name,
          before: { hostKeyFingerprint: error.expected },
          after: { presented: error.actual },
        });
      }
    },
  );
  try {
    const facts = await withSshErrors(() => gatherFacts(session, { diskPath: options.diskPath }));
    await db.$transaction(async (tx) => {
      await tx.hostFacts.create({ data: { hostId: host.id, facts: JSON.parse(JSON.stringify(facts)) } });
      await recordAudit(tx, actor, {
        action: "host.test_connection",
        targetType: "host",
        targetId: host.id,
        targetName: host.name,
        after: { ok: true },
      });
    });
    return { status: "ok", fingerprint: hostKeyFingerprint, facts, elapsedMs: Date.now() - started };
  } finally {
    session.close();
  }
}

/** Pins a fingerprint, after checking the host still presents exactly that key. Replacing a pin needs an admin. */
export async function trustHostKey(actor: SessionUser, hostId: string, fingerprint: string) {
  const host = await db.host.findUnique({ where: { id: hostId } });
  if (!host) throw notFound("host");
  if (host.hostKeyFingerprint && host.hostKeyFingerprint !== fingerprint && !hasRole(actor.role, "admin")) {
    throw new AppError(message("errors.inventory.hostKeyNeedsAdmin"), 403, "forbidden");
  }
  const presented = await withSshErrors(() => probeHostKey({ host: host.address, port: host.sshPort, timeoutMs: CONNECT_TIMEOUT_MS }));
  if (presented.fingerprint !== fingerprint) {
    throw new AppError(
      message("errors.inventory.hostKeyChanged", { address: host.address, presented: presented.fingerprint, fingerprint }),
      409,
      "host_key_changed",
    );
  }
  return db.$transaction(async (tx) => {
    const updated = await tx.host.update({
      where: { id: hostId },
      data: { hostKeyFingerprint: fingerprint, hostKeyTrustedAt: new Date() },
    });
    await recordAudit(tx, actor, {
      action: "host.trust_host_key",
      targetType: "host",
      targetId: host.id,
      targetName: host.name,
      before: { hostKeyFingerprint: host.hostKeyFingerprint },
      after: { hostKeyFingerprint: fingerprint },
    });
    return { hostKeyFingerprint: updated.hostKeyFingerprint };
  });
}

/** SSH and facts failures are the operator's to read: pass their message through as a 502 (409 for a changed key). */
async function withSshErrors<T>(work: () => Promise<T>, onSshError?: (error: SshError) => Promise<void>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof HostFactsError) throw new AppError(message("errors.verbatim", { text: error.message }), 502, "host_facts");
    if (!(error instanceof SshError)) throw error;
    await onSshError?.(error);
    throw new AppError(message("errors.verbatim", { text: error.message }), error instanceof HostKeyMismatchError ? 409 : 502, error.code);
  }
}
