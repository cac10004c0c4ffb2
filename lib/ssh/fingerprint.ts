import { createHash } from "node:crypto";

export interface HostKeyInfo {
  /** As OpenSSH prints it: "SHA256:" + unpadded base64 of the SHA-256 of the key blob. */
  fingerprint: string;
  /** The key's type, e.g. "ssh-ed25519". */
  algorithm: string;
}

/** Describes a raw SSH public key blob (what a server presents during key exchange). */
export function describeHostKey(blob: Buffer): HostKeyInfo {
  return { fingerprint: sha256Fingerprint(blob), algorithm: keyAlgorithm(blob) };
}

export function sha256Fingerprint(blob: Buffer): string {
  return `SHA256:${createHash("sha256").update(blob).digest("base64").replace(/=+$/, "")}`;
}

/** Operators paste fingerprints from `ssh-keygen -l`, sometimes with padding or spaces. */
export function normalizeFingerprint(value: string): string {
  const trimmed = value.trim().replace(/=+$/, "");
  return trimmed.startsWith("SHA256:") ? trimmed : `SHA256:${trimmed}`;
}

// A key blob starts with its type as an SSH string: uint32 length, then that many bytes.
function keyAlgorithm(blob: Buffer): string {
  if (blob.length < 4) return "unknown";
  const length = blob.readUInt32BE(0);
  return length > 0 && length <= 64 && blob.length >= 4 + length ? blob.toString("latin1", 4, 4 + length) : "unknown";
}
