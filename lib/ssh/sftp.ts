import "server-only";
import { randomBytes } from "node:crypto";
import path from "node:path/posix";
import type { SFTPWrapper } from "ssh2";
import { RemoteFileError, type RemoteFileProblem } from "./errors";

export interface UploadOptions {
  /** Called as bytes go out: (sent, total). */
  onProgress?: (sentBytes: number, totalBytes: number) => void;
  /** File mode of the uploaded file. Default 0o644. */
  mode?: number;
}

export interface WriteFileOptions {
  /** Default 0o644. */
  mode?: number;
  /** Keep the file being replaced as `<file>.prev` (a config rollback needs it). */
  keepPrevious?: boolean;
}

const DEFAULT_MAX_READ = 16 * 1024 * 1024;

// Files land under a temporary name in the same directory, then a posix-rename moves them into
// place: readers (a broker starting, an operator's cat) see the old file or the new one, never half.
function tempNameFor(remotePath: string): string {
  return path.join(path.dirname(remotePath), `.${path.basename(remotePath)}.rmq-${randomBytes(6).toString("hex")}`);
}

export class RemoteFiles {
  constructor(
    private readonly sftp: () => Promise<SFTPWrapper>,
    private readonly host: string,
  ) {}

  async upload(localPath: string, remotePath: string, opts: UploadOptions = {}): Promise<void> {
    const sftp = await this.sftp();
    const temp = tempNameFor(remotePath);
    try {
      await call(this.host, remotePath, (cb) =>
        sftp.fastPut(localPath, temp, { mode: opts.mode ?? 0o644, step: (sent, _chunk, total) => opts.onProgress?.(sent, total) }, cb),
      );
      await this.rename(sftp, temp, remotePath);
    } catch (err) {
      await this.removeQuietly(sftp, temp);
      throw err;
    }
  }

  async writeFileAtomic(remotePath: string, contents: string | Buffer, opts: WriteFileOptions = {}): Promise<void> {
    const sftp = await this.sftp();
    const temp = tempNameFor(remotePath);
    const mode = opts.mode ?? 0o644;
    try {
      const handle = await call(this.host, remotePath, (cb: (err: Error | undefined, h: Buffer) => void) =>
        sftp.open(temp, "w", { mode }, cb),
      );
      try {
        await writeAll(sftp, handle, Buffer.from(contents), this.host, remotePath);
        // The server's umask applies at create; the caller's mode is what counts (e.g. 0600 for secrets).
        await call(this.host, remotePath, (cb) => sftp.fchmod(handle, mode, cb));
        // Durable before it is visible: a crash right after the rename must not leave an empty config.
        await call(this.host, remotePath, (cb) => sftp.ext_openssh_fsync(handle, cb));
      } finally {
        await call(this.host, remotePath, (cb) => sftp.close(handle, cb)).catch(() => undefined);
      }
      if (opts.keepPrevious) await this.keepPrevious(sftp, remotePath);
      await this.rename(sftp, temp, remotePath);
    } catch (err) {
      await this.removeQuietly(sftp, temp);
      throw err;
    }
  }

  async readFile(remotePath: string, opts: { maxBytes?: number } = {}): Promise<Buffer> {
    const sftp = await this.sftp();
    const maxBytes = opts.maxBytes ?? DEFAULT_MAX_READ;
    const stats = await call(this.host, remotePath, (cb: (err: Error | undefined, s: { size: number }) => void) =>
      sftp.stat(remotePath, cb),
    );
    if (stats.size > maxBytes) {
      throw new RemoteFileError(this.host, remotePath, "too-large", `is ${stats.size} bytes, more than the ${maxBytes} allowed here.`);
    }
    return call(this.host, remotePath, (cb: (err: Error | undefined, data: Buffer) => void) => sftp.readFile(remotePath, cb));
  }

  /** `<file>.prev` becomes a hard link to the current file, which the rename then replaces. */
  private async keepPrevious(sftp: SFTPWrapper, remotePath: string): Promise<void> {
    const previous = `${remotePath}.prev`;
    try {
      await call<unknown>(this.host, remotePath, (cb) => sftp.stat(remotePath, cb));
    } catch (err) {
      if (err instanceof RemoteFileError && err.problem === "not-found") return;
      throw err;
    }
    await call(this.host, previous, (cb) => sftp.unlink(previous, cb)).catch((err: unknown) => {
      if (!(err instanceof RemoteFileError && err.problem === "not-found")) throw err;
    });
    await call(this.host, previous, (cb) => sftp.ext_openssh_hardlink(remotePath, previous, cb));
  }

  /** posix-rename replaces the target atomically; plain SFTP rename refuses an existing target. */
  private async rename(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
    await call(this.host, to, (cb) => sftp.ext_openssh_rename(from, to, cb));
  }

  private async removeQuietly(sftp: SFTPWrapper, remotePath: string): Promise<void> {
    await call(this.host, remotePath, (cb) => sftp.unlink(remotePath, cb)).catch(() => undefined);
  }
}

async function writeAll(sftp: SFTPWrapper, handle: Buffer, data: Buffer, host: string, remotePath: string): Promise<void> {
  // SFTP servers cap one write request (OpenSSH: 256 KiB); stay well below it.
  const chunk = 32 * 1024;
  for (let offset = 0; offset < data.length; offset += chunk) {
    const length = Math.min(chunk, data.length - offset);
    await call(host, remotePath, (cb) => sftp.write(handle, data, offset, length, offset, cb));
  }
}

// SFTP status codes (draft-ietf-secsh-filexfer-02): what ssh2 puts in err.code.
const STATUS_PROBLEMS: Record<number, RemoteFileProblem> = { 2: "not-found", 3: "permission-denied", 8: "unsupported" };

/** Adapts one ssh2 callback call to a promise, turning its failure into a RemoteFileError. */
function call<T = void>(
  host: string,
  remotePath: string,
  start: (cb: (err: Error | undefined | null, value: T) => void) => void,
): Promise<T> {
  return new Promise((resolve, reject) => {
    try {
      start((err, value) => {
        if (err) reject(toRemoteFileError(host, remotePath, err));
        else resolve(value);
      });
    } catch (err) {
      // ssh2 throws synchronously for a missing extension ("Server does not support this extended request").
      reject(toRemoteFileError(host, remotePath, err as Error));
    }
  });
}

function toRemoteFileError(host: string, remotePath: string, err: Error): RemoteFileError {
  const code = (err as Error & { code?: unknown }).code;
  const problem =
    typeof code === "number" ? (STATUS_PROBLEMS[code] ?? "failed") : /not support/i.test(err.message) ? "unsupported" : "failed";
  const detail =
    problem === "not-found"
      ? "no such file or directory."
      : problem === "permission-denied"
        ? "permission denied."
        : problem === "unsupported"
          ? `the SFTP server does not support this (${err.message}); the panel needs OpenSSH's SFTP server.`
          : `${err.message}.`;
  return new RemoteFileError(host, remotePath, problem, detail, err);
}
