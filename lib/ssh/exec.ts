import "server-only";
import { StringDecoder } from "node:string_decoder";
import type { Client, ClientChannel } from "ssh2";
import { CommandAbortedError, CommandTimeoutError, ConnectionDroppedError, type SshError } from "./errors";
import { shellJoin } from "./quote";

/** An argv (quoted word by word), or a trusted sh script whose untrusted inputs travel as "$1", "$2"... */
export type Command = readonly string[] | { script: string; args?: readonly string[] };

export interface ExecOptions {
  /** Called with decoded text as it arrives (chunks split anywhere, never inside a UTF-8 character). */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** Aborting stops the remote process group (TERM, then KILL) and rejects with CommandAbortedError. */
  signal?: AbortSignal;
  /** Like abort, after this long; rejects with CommandTimeoutError. Default: no limit. */
  timeoutMs?: number;
  stdin?: string | Buffer;
  /** stdout and stderr each keep at most this many bytes, the most recent (errors come last). Default 1 MiB. */
  maxBufferBytes?: number;
}

export interface ExecResult {
  /** null when the process was killed by a signal. */
  exitCode: number | null;
  /** e.g. "SIGKILL", when the process was killed by a signal. */
  signal: string | null;
  stdout: string;
  stderr: string;
  /** Whether the start of stdout or stderr was dropped to stay within maxBufferBytes. */
  truncated: boolean;
}

/** What exec needs from the session it runs in. */
export interface ExecContext {
  client: Client;
  host: string;
  /** Set once the connection is gone; explains why. */
  dropReason(): string | null;
}

const DEFAULT_MAX_BUFFER = 1024 * 1024;
// After TERM, a JVM gets this long to shut down before KILL.
const TERM_GRACE_SECONDS = 3;

export function toShellCommand(command: Command): string {
  if (Array.isArray(command)) return shellJoin(command);
  const { script, args = [] } = command as Exclude<Command, readonly string[]>;
  return shellJoin(["sh", "-c", script, "sh", ...args]);
}

// sshd starts each command in a new session, so the login shell's pid is also the process
// group of everything the command starts. It is printed first, so we can kill that group
// later: closing a channel without a pty does not stop the remote process.
function withGroupIdLine(command: string): string {
  return `printf '%s\\n' "$$"; ${command}`;
}

function killGroupScript(pgid: number): string {
  return [
    `kill -s TERM -- -${pgid} 2>/dev/null || exit 0`,
    `i=0; while kill -s 0 -- -${pgid} 2>/dev/null; do`,
    `  i=$((i + 1)); if [ "$i" -ge ${TERM_GRACE_SECONDS * 10} ]; then kill -s KILL -- -${pgid}; exit 0; fi; sleep 0.1`,
    "done",
  ].join("\n");
}

/**
 * Opens an exec channel. `wire` attaches listeners inside ssh2's callback, synchronously: a
 * fast command's exit status can arrive in the same packet as the open confirmation, and
 * ssh2 emits it at once (a listener added after an await would miss it).
 */
export function openChannel(ctx: ExecContext, command: string, wire: (channel: ClientChannel) => void): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const dropped = ctx.dropReason();
    if (dropped) {
      reject(new ConnectionDroppedError(ctx.host, dropped, false));
      return;
    }
    ctx.client.exec(command, (err, channel) => {
      if (err) {
        reject(new ConnectionDroppedError(ctx.host, ctx.dropReason() ?? err.message, false, err));
        return;
      }
      wire(channel);
      resolve(channel);
    });
  });
}

/** Runs a command to completion. A non-zero exit is a result, not an error. */
export function execCommand(ctx: ExecContext, command: Command, opts: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    if (opts.signal?.aborted) return reject(new CommandAbortedError(ctx.host));
    const wire = (channel: ClientChannel) => watch(ctx, channel, opts, resolve, reject);
    openChannel(ctx, withGroupIdLine(toShellCommand(command)), wire).catch(reject);
  });
}

/** Follows one command's channel: output, exit status, and stopping it on abort or timeout. */
function watch(
  ctx: ExecContext,
  channel: ClientChannel,
  opts: ExecOptions,
  resolve: (r: ExecResult) => void,
  reject: (e: unknown) => void,
): void {
  const maxBytes = opts.maxBufferBytes ?? DEFAULT_MAX_BUFFER;
  const stdout = new OutputCollector(maxBytes, opts.onStdout);
  const stderr = new OutputCollector(maxBytes, opts.onStderr);
  let groupLine: Buffer | null = Buffer.alloc(0);
  let pgid: number | null = null;
  let exit: { code: number | null; signal: string | null } | null = null;
  let stopReason: SshError | null = null;
  let timer: NodeJS.Timeout | undefined;
  let forceClose: NodeJS.Timeout | undefined;

  const killGroup = async () => {
    if (pgid !== null) await runQuietly(ctx, killGroupScript(pgid));
    channel.close();
  };
  const stop = (reason: SshError) => {
    if (stopReason) return;
    stopReason = reason;
    // The group id arrives with the first output; without it yet, killing waits for it.
    if (pgid !== null) void killGroup();
    // Whatever the remote side does, the caller gets an answer.
    forceClose = setTimeout(() => channel.close(), (TERM_GRACE_SECONDS + 5) * 1000);
  };
  const onAbort = () => stop(new CommandAbortedError(ctx.host));

  channel.on("data", (chunk: Buffer) => {
    if (groupLine === null) return stdout.push(chunk);
    groupLine = Buffer.concat([groupLine, chunk]);
    const newline = groupLine.indexOf(0x0a);
    if (newline < 0) return;
    const id = Number(groupLine.toString("latin1", 0, newline));
    // Never 0 or 1: `kill -- -1` signals every process the user may signal.
    pgid = Number.isInteger(id) && id > 1 ? id : null;
    const rest = groupLine.subarray(newline + 1);
    groupLine = null;
    if (rest.length > 0) stdout.push(rest);
    if (stopReason) void killGroup();
  });
  channel.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
  channel.on("exit", (code: number | null, signal?: string) => {
    exit = { code: code ?? null, signal: signal ?? null };
  });
  channel.on("close", () => {
    clearTimeout(timer);
    clearTimeout(forceClose);
    opts.signal?.removeEventListener("abort", onAbort);
    const dropped = ctx.dropReason();
    if (stopReason) return reject(stopReason);
    if (!exit && dropped) return reject(new ConnectionDroppedError(ctx.host, dropped, true));
    const out = stdout.finish();
    const err = stderr.finish();
    resolve({
      exitCode: exit?.code ?? null,
      signal: exit?.signal ?? null,
      stdout: out.text,
      stderr: err.text,
      truncated: out.truncated || err.truncated,
    });
  });
  opts.signal?.addEventListener("abort", onAbort, { once: true });
  if (opts.timeoutMs !== undefined) timer = setTimeout(() => stop(new CommandTimeoutError(ctx.host, opts.timeoutMs!)), opts.timeoutMs);
  // Always send EOF: a command reading stdin would otherwise wait forever.
  channel.end(opts.stdin);
}

/** For housekeeping commands (killing a group): their failure is not the caller's concern. */
async function runQuietly(ctx: ExecContext, command: string): Promise<void> {
  let closed!: () => void;
  const done = new Promise<void>((resolve) => (closed = resolve));
  try {
    await openChannel(ctx, command, (channel) => {
      channel.on("close", () => closed());
      channel.resume();
      channel.stderr.resume();
      channel.end();
    });
    await done;
  } catch {
    // The connection is gone; so is any way to reach the process.
  }
}

/** Keeps the tail of a stream within a byte budget and forwards decoded text as it comes. */
class OutputCollector {
  private chunks: Buffer[] = [];
  private bytes = 0;
  private dropped = false;
  private readonly decoder = new StringDecoder("utf8");

  constructor(
    private readonly maxBytes: number,
    private readonly listener?: (text: string) => void,
  ) {}

  push(chunk: Buffer): void {
    if (this.listener) {
      const text = this.decoder.write(chunk);
      if (text) this.listener(text);
    }
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    while (this.bytes - this.chunks[0].length >= this.maxBytes) {
      this.bytes -= this.chunks.shift()!.length;
      this.dropped = true;
    }
  }

  finish(): { text: string; truncated: boolean } {
    if (this.listener) {
      const text = this.decoder.end();
      if (text) this.listener(text);
    }
    let all = Buffer.concat(this.chunks);
    const truncated = this.dropped || all.length > this.maxBytes;
    if (all.length > this.maxBytes) all = all.subarray(all.length - this.maxBytes);
    return { text: all.toString("utf8"), truncated };
  }
}
