// Typed SSH errors. Each message is written for the operator: what went wrong, what to check.
// `code` is stable for programs (route handlers, job steps) to branch on.

export type SshErrorCode =
  | "connection-refused"
  | "host-unreachable"
  | "host-not-found"
  | "connect-timeout"
  | "bad-credential"
  | "auth-failed"
  | "host-key-mismatch"
  | "host-key-not-trusted"
  | "connection-dropped"
  | "command-timeout"
  | "command-aborted"
  | "command-failed"
  | "remote-file";

export class SshError extends Error {
  constructor(
    readonly code: SshErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

type Endpoint = { host: string; port: number };
const at = ({ host, port }: Endpoint) => (port === 22 ? host : `${host}:${port}`);

export class ConnectionRefusedError extends SshError {
  constructor(endpoint: Endpoint, cause?: unknown) {
    super("connection-refused", `${at(endpoint)} refused the connection. Is sshd running and listening on port ${endpoint.port}?`, {
      cause,
    });
  }
}

export class HostUnreachableError extends SshError {
  constructor(endpoint: Endpoint, cause?: unknown) {
    super(
      "host-unreachable",
      `${at(endpoint)} cannot be reached from the panel. Check the address and the network or firewall in between.`,
      { cause },
    );
  }
}

export class HostNotFoundError extends SshError {
  constructor(endpoint: Endpoint, cause?: unknown) {
    super("host-not-found", `The host name ${endpoint.host} does not resolve. Check the address.`, { cause });
  }
}

export class ConnectTimeoutError extends SshError {
  constructor(endpoint: Endpoint, timeoutMs: number, cause?: unknown) {
    super(
      "connect-timeout",
      `No SSH answer from ${at(endpoint)} within ${seconds(timeoutMs)}. Check the address, the port and any firewall dropping packets.`,
      { cause },
    );
  }
}

export class BadCredentialError extends SshError {
  constructor(detail: string, cause?: unknown) {
    super("bad-credential", `The SSH key cannot be used: ${detail}. Paste an unencrypted key or give its passphrase.`, { cause });
  }
}

export class AuthFailedError extends SshError {
  constructor(endpoint: Endpoint & { username: string; method: "ssh_key" | "password" }, cause?: unknown) {
    const what = endpoint.method === "ssh_key" ? "SSH key" : "password";
    super(
      "auth-failed",
      `${at(endpoint)} rejected the ${what} for user ${endpoint.username}. Check the credential and that this user may log in over SSH.`,
      { cause },
    );
  }
}

export class HostKeyMismatchError extends SshError {
  constructor(
    endpoint: Endpoint,
    readonly expected: string,
    readonly actual: string,
  ) {
    super(
      "host-key-mismatch",
      `The host key of ${at(endpoint)} is ${actual}, but ${expected} is pinned. If the host was reinstalled, trust its new key; otherwise someone may be intercepting the connection.`,
    );
  }
}

/** No fingerprint is pinned yet: the caller shows `fingerprint` to an operator and pins it once confirmed. */
export class HostKeyNotTrustedError extends SshError {
  constructor(
    endpoint: Endpoint,
    readonly fingerprint: string,
  ) {
    super(
      "host-key-not-trusted",
      `${at(endpoint)} presented host key ${fingerprint}, which is not trusted yet. Confirm and pin it to connect.`,
    );
  }
}

export class ConnectionDroppedError extends SshError {
  constructor(host: string, reason: string, duringCommand: boolean, cause?: unknown) {
    const tail = duringCommand ? " The remote command may still be running." : "";
    super("connection-dropped", `The SSH connection to ${host} dropped (${reason}).${tail}`, { cause });
  }
}

export class CommandTimeoutError extends SshError {
  constructor(host: string, timeoutMs: number) {
    super("command-timeout", `The command on ${host} did not finish within ${seconds(timeoutMs)} and was stopped.`);
  }
}

export class CommandAbortedError extends SshError {
  constructor(host: string) {
    super("command-aborted", `The command on ${host} was cancelled and stopped.`);
  }
}

export class CommandFailedError extends SshError {
  constructor(
    host: string,
    what: string,
    readonly exitCode: number | null,
    readonly signal: string | null,
    readonly stderr: string,
  ) {
    const status = exitCode !== null ? `exited with code ${exitCode}` : signal ? `was killed by ${signal}` : "ended without an exit status";
    const detail = stderr.trim().split("\n").slice(-5).join("\n");
    super("command-failed", `${what} on ${host} ${status}${detail ? `: ${detail}` : "."}`);
  }
}

export type RemoteFileProblem = "not-found" | "permission-denied" | "too-large" | "unsupported" | "failed";

export class RemoteFileError extends SshError {
  constructor(
    host: string,
    readonly path: string,
    readonly problem: RemoteFileProblem,
    detail: string,
    cause?: unknown,
  ) {
    super("remote-file", `${path} on ${host}: ${detail}`, { cause });
  }
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}
