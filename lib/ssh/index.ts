import "server-only";

// The panel's one SSH executor: pinned host keys, commands from argv, streaming output,
// cancellation that stops the remote process group, atomic file writes over SFTP.
export { connect, probeHostKey, type ConnectOptions, type SshAuth } from "./connect";
export { bash } from "./quote";
export type { SshSession, SessionInfo } from "./session";
export type { Command, ExecOptions, ExecResult } from "./exec";
export type { UploadOptions, WriteFileOptions } from "./sftp";
export type { HostKeyInfo } from "./fingerprint";

export * from "./errors";
