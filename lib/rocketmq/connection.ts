import "server-only";
import { Socket } from "node:net";
import { DEFAULT_MAX_FRAME_BYTES, encodeCommand, FrameDecoder, FrameError, isResponse, type RemotingCommand } from "./codec";
import { type ConnectionFailure, RocketmqConnectionError, type RocketmqError, RocketmqProtocolError, RocketmqTimeoutError } from "./errors";

export interface ConnectionOptions {
  maxFrameBytes?: number;
  /** Close the socket after this long without traffic or pending calls. */
  idleTimeoutMs?: number;
}

interface Pending {
  resolve: (response: RemotingCommand) => void;
  reject: (error: RocketmqError) => void;
  timer: NodeJS.Timeout;
}

/**
 * One TCP connection to one RocketMQ address. Requests are matched to responses by `opaque`;
 * each has its own deadline. Any socket or framing failure fails every pending call with a typed
 * error and closes the connection for good: the pool opens a new one on the next call.
 */
export class RemotingConnection {
  private readonly socket: Socket;
  private readonly decoder: FrameDecoder;
  private readonly pending = new Map<number, Pending>();
  private readonly ready: Promise<void>;
  private failure: RocketmqError | undefined;
  private connected = false;
  private readonly closedPromise: Promise<void>;
  private nextOpaque = Math.floor(Math.random() * 0x40000000);

  constructor(
    readonly address: string,
    private readonly options: ConnectionOptions = {},
  ) {
    const { host, port } = parseAddress(address);
    this.decoder = new FrameDecoder(options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES);
    this.socket = new Socket();
    this.socket.setNoDelay(true);
    this.closedPromise = new Promise((resolve) => this.socket.once("close", () => resolve()));
    this.ready = new Promise((resolve, reject) => {
      this.socket.once("connect", () => {
        this.connected = true;
        this.socket.setTimeout(options.idleTimeoutMs ?? 120_000);
        resolve();
      });
      this.socket.once("error", reject);
    });
    // The failure is reported through each call; an unobserved rejection here must not crash the process.
    this.ready.catch(() => {});
    this.socket.on("data", (chunk) => this.onData(chunk));
    this.socket.on("error", (error) => this.fail(connectionError(address, error)));
    this.socket.on("close", () => this.fail(new RocketmqConnectionError(address, "closed", "the peer closed the connection")));
    this.socket.on("timeout", () => {
      if (this.pending.size === 0) this.close();
    });
    this.socket.connect({ host, port });
  }

  get isOpen(): boolean {
    return this.failure === undefined;
  }

  /** Resolves once the socket is released, whatever closed it. */
  get closed(): Promise<void> {
    return this.closedPromise;
  }

  get pendingCount(): number {
    return this.pending.size;
  }

  /** Sends a request and resolves with the response carrying the same opaque. */
  invoke(request: Omit<RemotingCommand, "opaque">, timeoutMs: number): Promise<RemotingCommand> {
    if (this.failure) return Promise.reject(this.failure);
    const opaque = this.takeOpaque();
    const frame = encodeCommand({ ...request, opaque });
    return new Promise<RemotingCommand>((resolve, reject) => {
      const timer = setTimeout(() => this.onTimeout(opaque, request.code, timeoutMs), timeoutMs);
      this.pending.set(opaque, { resolve, reject, timer });
      this.ready.then(
        () => {
          if (this.pending.has(opaque) && !this.failure) this.socket.write(frame);
        },
        () => {},
      );
    });
  }

  /** Closes the socket; pending calls fail with a connection error. Resolves once the socket is released. */
  close(): Promise<void> {
    this.fail(new RocketmqConnectionError(this.address, "client_closed", "the client closed the connection"));
    return this.closedPromise;
  }

  private takeOpaque(): number {
    this.nextOpaque = this.nextOpaque >= 0x7fffffff ? 1 : this.nextOpaque + 1;
    return this.nextOpaque;
  }

  private onData(chunk: Buffer) {
    let frames: RemotingCommand[];
    try {
      frames = this.decoder.push(chunk);
    } catch (error) {
      const detail = error instanceof FrameError ? error.message : String(error);
      this.fail(new RocketmqProtocolError(this.address, detail, error));
      return;
    }
    for (const frame of frames) {
      // Requests from the server (none are expected by an admin client) and late replies are dropped.
      if (!isResponse(frame)) continue;
      const call = this.pending.get(frame.opaque);
      if (!call) continue;
      this.pending.delete(frame.opaque);
      clearTimeout(call.timer);
      call.resolve(frame);
    }
  }

  private onTimeout(opaque: number, code: number, timeoutMs: number) {
    const call = this.pending.get(opaque);
    if (!call) return;
    if (!this.connected) {
      // A SYN that is never answered (firewall drop) would otherwise hold the socket for minutes.
      this.fail(new RocketmqConnectionError(this.address, "connect_timeout", `no TCP connection within ${timeoutMs} ms`));
      return;
    }
    this.pending.delete(opaque);
    call.reject(new RocketmqTimeoutError(this.address, code, timeoutMs));
    // A peer stuck in the middle of a frame will never resynchronise the stream: start afresh next time.
    if (this.decoder.bufferedBytes > 0) this.close();
  }

  private fail(error: RocketmqError) {
    if (!this.failure) {
      this.failure = error;
      this.socket.destroy();
    }
    for (const [opaque, call] of this.pending) {
      this.pending.delete(opaque);
      clearTimeout(call.timer);
      call.reject(this.failure);
    }
  }
}

function connectionError(address: string, error: NodeJS.ErrnoException): RocketmqConnectionError {
  const failures: Record<string, ConnectionFailure> = {
    ECONNREFUSED: "refused",
    ECONNRESET: "reset",
    EPIPE: "reset",
    EHOSTUNREACH: "unreachable",
    ENETUNREACH: "unreachable",
    ENOTFOUND: "unreachable",
    EAI_AGAIN: "unreachable",
    ETIMEDOUT: "connect_timeout",
  };
  const failure = failures[error.code ?? ""] ?? "reset";
  return new RocketmqConnectionError(address, failure, error.message, error);
}

/** "host:port" or "[v6]:port". */
export function parseAddress(address: string): { host: string; port: number } {
  const match = /^(?:\[([^\]]+)\]|([^:\s]+)):(\d{1,5})$/.exec(address);
  const port = match ? Number(match[3]) : NaN;
  if (!match || port < 1 || port > 65535) {
    throw new RocketmqConnectionError(address, "unreachable", `"${address}" is not an address of the form host:port`);
  }
  return { host: match[1] ?? match[2], port };
}
