import "server-only";
import type { RemotingCommand } from "./codec";
import { type ConnectionOptions, RemotingConnection } from "./connection";
import { RocketmqConnectionError } from "./errors";

export interface RemotingClientOptions extends ConnectionOptions {
  /** Deadline of a call when the caller gives none. */
  timeoutMs?: number;
}

/**
 * At most one open connection per address, opened on first use and replaced after it breaks
 * (the failed call reports the break; the next call reconnects). close() releases every socket.
 */
export class RemotingClient {
  private readonly connections = new Map<string, RemotingConnection>();
  private closed = false;

  constructor(private readonly options: RemotingClientOptions = {}) {}

  get defaultTimeoutMs(): number {
    return this.options.timeoutMs ?? 3000;
  }

  invoke(address: string, request: Omit<RemotingCommand, "opaque">, timeoutMs = this.defaultTimeoutMs): Promise<RemotingCommand> {
    if (this.closed) {
      return Promise.reject(new RocketmqConnectionError(address, "client_closed", "the RocketMQ client was closed"));
    }
    let connection = this.connections.get(address);
    if (!connection?.isOpen) {
      try {
        connection = new RemotingConnection(address, this.options);
      } catch (error) {
        return Promise.reject(error);
      }
      this.connections.set(address, connection);
      const opened = connection;
      void opened.closed.then(() => {
        if (this.connections.get(address) === opened) this.connections.delete(address);
      });
    }
    return connection.invoke(request, timeoutMs);
  }

  /** Addresses with an open connection (for tests and diagnostics). */
  get openAddresses(): string[] {
    return [...this.connections.entries()].filter(([, c]) => c.isOpen).map(([address]) => address);
  }

  async close(): Promise<void> {
    this.closed = true;
    const connections = [...this.connections.values()];
    this.connections.clear();
    await Promise.all(connections.map((connection) => connection.close()));
  }
}
