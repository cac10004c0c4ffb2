import "server-only";
// ssh2 is CommonJS; Node's ESM loader cannot see `utils` as a named export (it can see Client).
import ssh2, { Client, type ConnectConfig } from "ssh2";
import {
  AuthFailedError,
  BadCredentialError,
  ConnectTimeoutError,
  ConnectionDroppedError,
  ConnectionRefusedError,
  HostKeyMismatchError,
  HostKeyNotTrustedError,
  HostNotFoundError,
  HostUnreachableError,
  SshError,
} from "./errors";
import { type HostKeyInfo, describeHostKey, normalizeFingerprint } from "./fingerprint";
import { SshSession } from "./session";

export type SshAuth = { kind: "ssh_key"; privateKey: string | Buffer; passphrase?: string } | { kind: "password"; password: string };

export interface ConnectOptions {
  host: string;
  /** Default 22. */
  port?: number;
  username: string;
  auth: SshAuth;
  /** The "SHA256:..." fingerprint the host must present; null when none is pinned yet. */
  pinnedFingerprint: string | null;
  /**
   * Only when nothing is pinned: accept whatever key the host presents. The caller must then
   * store `session.hostKey.fingerprint`. Without it, an unpinned host fails with HostKeyNotTrustedError.
   */
  trustOnFirstUse?: boolean;
  /** TCP connect + handshake + authentication. Default 10 s. */
  timeoutMs?: number;
  /** How often to ping the server; three unanswered pings mean the link is dead. Default 10 s. */
  keepaliveIntervalMs?: number;
}

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_KEEPALIVE_MS = 10_000;

/** Opens an authenticated SSH session, refusing any host key that is not the pinned one. */
export async function connect(opts: ConnectOptions): Promise<SshSession> {
  const endpoint = { host: opts.host, port: opts.port ?? 22 };
  const target = { ...endpoint, username: opts.username, method: opts.auth.kind };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const pinned = opts.pinnedFingerprint === null ? null : normalizeFingerprint(opts.pinnedFingerprint);
  const seen: { hostKey?: HostKeyInfo; refusal?: SshError } = {};

  const verify = (key: Buffer): boolean => {
    const hostKey = describeHostKey(key);
    seen.hostKey = hostKey;
    if (pinned !== null && hostKey.fingerprint !== pinned) {
      seen.refusal = new HostKeyMismatchError(endpoint, pinned, hostKey.fingerprint);
    } else if (pinned === null && !opts.trustOnFirstUse) {
      seen.refusal = new HostKeyNotTrustedError(endpoint, hostKey.fingerprint);
    }
    return seen.refusal === undefined;
  };

  let client: Client;
  try {
    client = await handshake(endpoint, timeoutMs, {
      ...authConfig(opts.auth),
      username: opts.username,
      hostVerifier: verify,
      keepaliveInterval: opts.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_MS,
      keepaliveCountMax: 3,
    });
  } catch (err) {
    throw seen.refusal ?? toConnectError(err, target, timeoutMs);
  }
  return new SshSession(client, { ...endpoint, username: opts.username, hostKey: seen.hostKey! });
}

/** Connects, runs `work`, and always closes the session. */
export async function withSession<T>(opts: ConnectOptions, work: (session: SshSession) => Promise<T>): Promise<T> {
  const session = await connect(opts);
  try {
    return await work(session);
  } finally {
    await session.close();
  }
}

/**
 * Reads the host key a server presents, without authenticating: what an operator confirms
 * before the fingerprint is pinned.
 */
export async function probeHostKey(opts: { host: string; port?: number; timeoutMs?: number }): Promise<HostKeyInfo> {
  const endpoint = { host: opts.host, port: opts.port ?? 22 };
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const seen: { hostKey?: HostKeyInfo } = {};
  // Refusing the key ends the handshake before any credential is sent.
  const capture = (key: Buffer): boolean => {
    seen.hostKey = describeHostKey(key);
    return false;
  };
  try {
    const client = await handshake(endpoint, timeoutMs, { username: "probe", hostVerifier: capture });
    client.destroy();
  } catch (err) {
    if (seen.hostKey) return seen.hostKey;
    throw toConnectError(err, { ...endpoint, username: "probe", method: "ssh_key" }, timeoutMs);
  }
  throw new Error("unreachable: the host key was refused, so the handshake cannot succeed");
}

function authConfig(auth: SshAuth): Partial<ConnectConfig> {
  if (auth.kind === "password") {
    // Many servers take passwords only through keyboard-interactive (PAM); answer every prompt with it.
    return { password: auth.password, tryKeyboard: true };
  }
  const parsed = ssh2.utils.parseKey(auth.privateKey, auth.passphrase);
  if (parsed instanceof Error) throw new BadCredentialError(parsed.message, parsed);
  return { privateKey: auth.privateKey, passphrase: auth.passphrase };
}

/** Resolves once the client is ready; on failure the client is destroyed and its first error rejected. */
function handshake(endpoint: { host: string; port: number }, timeoutMs: number, config: ConnectConfig): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let firstError: unknown = null;
    const onError = (err: unknown) => {
      firstError ??= err;
    };
    const onClose = () => {
      client.removeListener("error", onError);
      reject(firstError ?? new Error("the server closed the connection during the handshake"));
    };
    client.on("error", onError);
    client.once("close", onClose);
    client.once("ready", () => {
      client.removeListener("error", onError);
      client.removeListener("close", onClose);
      resolve(client);
    });
    if (config.password !== undefined) {
      client.on("keyboard-interactive", (_name, _instructions, _lang, prompts, finish) => {
        finish(prompts.map(() => config.password!));
      });
    }
    client.connect({ ...config, host: endpoint.host, port: endpoint.port, readyTimeout: timeoutMs });
  });
}

type ErrorWithLevel = Error & { level?: string; code?: string };

function toConnectError(
  err: unknown,
  target: { host: string; port: number; username: string; method: SshAuth["kind"] },
  timeoutMs: number,
): SshError {
  if (err instanceof SshError) return err;
  const e = err as ErrorWithLevel;
  switch (e.code) {
    case "ECONNREFUSED":
      return new ConnectionRefusedError(target, err);
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return new HostUnreachableError(target, err);
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return new HostNotFoundError(target, err);
    case "ETIMEDOUT":
      return new ConnectTimeoutError(target, timeoutMs, err);
  }
  if (e.level === "client-timeout") return new ConnectTimeoutError(target, timeoutMs, err);
  if (e.level === "client-authentication") return new AuthFailedError(target, err);
  if (e.level === "client-dns") return new HostNotFoundError(target, err);
  return new ConnectionDroppedError(target.host, e.message ?? String(err), false, err);
}
