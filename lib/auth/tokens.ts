import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** A random bearer secret for a cookie; only its hash is ever stored, so a database leak yields nothing usable. */
export const newToken = () => randomBytes(32).toString("base64url");

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");
