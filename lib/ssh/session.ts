import "server-only";
import type { Client, SFTPWrapper } from "ssh2";
import { CommandFailedError, ConnectionDroppedError, RemoteFileError } from "./errors";
import { type Command, type ExecContext, type ExecOptions, type ExecResult, execCommand } from "./exec";
import type { HostKeyInfo } from "./fingerprint";
import { RemoteFiles, type UploadOptions, type WriteFileOptions } from "./sftp";

export interface SessionInfo {
  host: string;
  port: number;
  username: string;
  /** The key the host presented (and that matched the pin, or was trusted on first use). */
  hostKey: HostKeyInfo;
}

// How long close() waits for the server to acknowledge before cutting the socket.
const CLOSE_GRACE_MS = 2_000;

/** One authenticated SSH connection. Commands and file transfers may run concurrently on it. */
export class SshSession {
  private dropped: string | null = null;
  private closing = false;
  private readonly closedPromise: Promise<void>;
  private sftpPromise: Promise<SFTPWrapper> | null = null;
  private readonly files: RemoteFiles;
  private readonly ctx: ExecContext;

  constructor(
    private readonly client: Client,
    readonly info: SessionInfo,
  ) {
    // Errors after the handshake (keepalive timeout, reset) come here; a listener must exist
    // or Node would crash the process. They surface to callers as ConnectionDroppedError.
    client.on("error", (err: Error) => {
      this.dropped ??= err.message === "Keepalive timeout" ? "the host stopped answering" : err.message;
    });
    this.closedPromise = new Promise((resolve) =>
      client.once("close", () => {
        this.dropped ??= this.closing ? "the session was closed" : "the host closed the connection";
        resolve();
      }),
    );
    this.ctx = { client, host: info.host, dropReason: () => this.dropped };
    this.files = new RemoteFiles(() => this.sftp(), info.host);
  }

  get hostKey(): HostKeyInfo {
    return this.info.hostKey;
  }

  /** True once the connection is gone, whether closed by us or dropped. */
  get closed(): boolean {
    return this.dropped !== null;
  }

  /** Runs a command; resolves with its exit status and output (a non-zero exit is not an error). */
  exec(command: Command, opts?: ExecOptions): Promise<ExecResult> {
    return execCommand(this.ctx, command, opts);
  }

  /** Runs a command and throws CommandFailedError unless it exits 0; `what` names it for the operator. */
  async run(what: string, command: Command, opts?: ExecOptions): Promise<ExecResult> {
    const result = await this.exec(command, opts);
    if (result.exitCode !== 0) throw new CommandFailedError(this.info.host, what, result.exitCode, result.signal, result.stderr);
    return result;
  }

  /** Copies a local file to the host; it appears under remotePath only once complete. */
  upload(localPath: string, remotePath: string, opts?: UploadOptions): Promise<void> {
    return this.files.upload(localPath, remotePath, opts);
  }

  /** Replaces a file atomically (temp file, fsync, rename), optionally keeping the old one as `<file>.prev`. */
  writeFileAtomic(remotePath: string, contents: string | Buffer, opts?: WriteFileOptions): Promise<void> {
    return this.files.writeFileAtomic(remotePath, contents, opts);
  }

  readFile(remotePath: string, opts?: { maxBytes?: number }): Promise<Buffer> {
    return this.files.readFile(remotePath, opts);
  }

  /** Hex SHA-256 of a remote file, computed on the host (no download). */
  async sha256(remotePath: string): Promise<string> {
    const result = await this.exec(["sha256sum", "--", remotePath]);
    const hash = /^[0-9a-f]{64}\b/.exec(result.stdout)?.[0];
    if (result.exitCode === 0 && hash) return hash;
    if (/No such file/i.test(result.stderr)) {
      throw new RemoteFileError(this.info.host, remotePath, "not-found", "no such file or directory.");
    }
    throw new CommandFailedError(this.info.host, `sha256sum ${remotePath}`, result.exitCode, result.signal, result.stderr);
  }

  /** Ends the connection and waits until its socket is closed; safe to call twice. */
  async close(): Promise<void> {
    if (!this.closing) {
      this.closing = true;
      this.sftpPromise?.then((sftp) => sftp.end()).catch(() => undefined);
      this.client.end();
    }
    let timer: NodeJS.Timeout | undefined;
    const cut = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.client.destroy();
        resolve();
      }, CLOSE_GRACE_MS);
    });
    await Promise.race([this.closedPromise, cut]);
    clearTimeout(timer);
    await this.closedPromise;
  }

  private sftp(): Promise<SFTPWrapper> {
    this.sftpPromise ??= new Promise<SFTPWrapper>((resolve, reject) => {
      if (this.dropped) {
        reject(new ConnectionDroppedError(this.info.host, this.dropped, false));
        return;
      }
      this.client.sftp((err, sftp) => {
        if (err) reject(new ConnectionDroppedError(this.info.host, this.dropped ?? err.message, false, err));
        else resolve(sftp);
      });
    });
    // A failed start is not cached: the next call may try again.
    this.sftpPromise.catch(() => (this.sftpPromise = null));
    return this.sftpPromise;
  }
}
