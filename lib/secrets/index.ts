import "server-only";
import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir } from "../config/paths";

const FORMAT = "v1";
const KEY_FILE = "master.key";

let cachedKey: Buffer | undefined;

/**
 * The master key comes from RMQ_PANEL_SECRET, or from `.data/master.key`, generated on first start.
 * It never enters the database, so a dump of the database alone reveals no credential.
 */
function masterKey(): Buffer {
  if (cachedKey) return cachedKey;
  const secret = process.env.RMQ_PANEL_SECRET || readOrCreateKeyFile();
  if (secret.length < 32) throw new Error("RMQ_PANEL_SECRET must be at least 32 characters long.");
  // A fixed salt is fine: the input is a high-entropy secret, scrypt only stretches a human-chosen one.
  cachedKey = scryptSync(secret, "rmq-panel/master-key/v1", 32);
  return cachedKey;
}

function readOrCreateKeyFile(): string {
  const file = path.join(dataDir(), KEY_FILE);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir(), { recursive: true, mode: 0o711 });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600, flag: "wx" });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/** AES-256-GCM; the result is `v1.<iv>.<tag>.<ciphertext>` in base64url, safe to store as text. */
export function encryptSecret(plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", masterKey(), iv);
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return [FORMAT, iv, cipher.getAuthTag(), ciphertext]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(sealed: string): string {
  const [format, iv, tag, ciphertext] = sealed.split(".");
  if (format !== FORMAT || !iv || !tag || ciphertext === undefined) throw new Error("Stored secret has an unknown format.");
  const decipher = createDecipheriv("aes-256-gcm", masterKey(), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  try {
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new Error(
      "Stored secret cannot be decrypted: the master key (RMQ_PANEL_SECRET or .data/master.key) is not the one it was sealed with.",
    );
  }
}
