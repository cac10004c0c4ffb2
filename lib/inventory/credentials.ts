import "server-only";
import { createHash } from "node:crypto";
// Default import: ssh2 is CommonJS, and Node's own ESM loader does not see its named exports.
import ssh2 from "ssh2";
import { recordAudit, type Actor } from "../audit";
import { db } from "../db";
import { AppError, conflict, notFound } from "../errors";
import { message } from "../i18n/message";
import { decryptSecret, encryptSecret } from "../secrets";
import type { CredentialInput } from "./schema";

/** What the SSH layer needs; never leaves the server. */
export type CredentialSecret = { kind: "ssh_key"; privateKey: string; passphrase?: string } | { kind: "password"; password: string };

// The only columns any listing may read: the ciphertext column is never selected for display.
const PUBLIC_FIELDS = {
  id: true,
  name: true,
  kind: true,
  publicKeyFingerprint: true,
  createdAt: true,
  _count: { select: { hosts: true } },
} as const;

export async function listCredentials() {
  return db.credential.findMany({ orderBy: { name: "asc" }, select: PUBLIC_FIELDS });
}

export async function createCredential(actor: Actor, input: CredentialInput) {
  const secret: CredentialSecret =
    input.kind === "ssh_key"
      ? { kind: "ssh_key", privateKey: `${input.privateKey}\n`, passphrase: input.passphrase || undefined }
      : { kind: "password", password: input.password };
  const publicKeyFingerprint = secret.kind === "ssh_key" ? fingerprintOfPrivateKey(secret.privateKey, secret.passphrase) : null;
  return db.$transaction(async (tx) => {
    if (await tx.credential.findUnique({ where: { name: input.name } }))
      throw conflict(message("errors.inventory.credentialNameTaken", { name: input.name }));
    const credential = await tx.credential.create({
      data: { name: input.name, kind: input.kind, secretCiphertext: encryptSecret(JSON.stringify(secret)), publicKeyFingerprint },
      select: PUBLIC_FIELDS,
    });
    await recordAudit(tx, actor, {
      action: "credential.create",
      targetType: "credential",
      targetId: credential.id,
      targetName: credential.name,
      after: { kind: credential.kind, publicKeyFingerprint },
    });
    return credential;
  });
}

export async function deleteCredential(actor: Actor, id: string) {
  await db.$transaction(async (tx) => {
    const before = await tx.credential.findUnique({ where: { id }, select: PUBLIC_FIELDS });
    if (!before) throw notFound("credential");
    if (before._count.hosts > 0)
      throw conflict(message("errors.inventory.credentialInUse", { name: before.name, count: before._count.hosts }));
    await tx.credential.delete({ where: { id } });
    await recordAudit(tx, actor, {
      action: "credential.delete",
      targetType: "credential",
      targetId: id,
      targetName: before.name,
      before: { kind: before.kind },
    });
  });
}

export async function loadCredentialSecret(id: string): Promise<CredentialSecret> {
  const row = await db.credential.findUnique({ where: { id }, select: { secretCiphertext: true } });
  if (!row) throw notFound("credential");
  return JSON.parse(decryptSecret(row.secretCiphertext)) as CredentialSecret;
}

/** Parses the key now, so a wrong passphrase or a truncated paste is reported when it is saved, not at 3 a.m. */
function fingerprintOfPrivateKey(privateKey: string, passphrase?: string): string {
  const parsed = ssh2.utils.parseKey(privateKey, passphrase);
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (key instanceof Error || !key) {
    const reason = key instanceof Error ? key.message : null;
    const said = !reason
      ? message("errors.inventory.privateKeyUnreadable")
      : /passphrase|decrypt/i.test(reason)
        ? message("errors.inventory.privateKeyPassphrase", { reason })
        : message("errors.inventory.privateKeyRefused", { reason });
    throw new AppError(said, 400, "invalid_input", { privateKey: [said] });
  }
  return `SHA256:${createHash("sha256").update(key.getPublicSSH()).digest("base64").replace(/=+$/, "")}`;
}
