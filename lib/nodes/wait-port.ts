import "server-only";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Resolves once ip:port accepts a TCP connection from the panel; false after timeoutMs or on abort. */
export async function waitForPort(address: string, timeoutMs: number, signal: AbortSignal): Promise<boolean> {
  const [host, port] = [address.slice(0, address.lastIndexOf(":")), Number(address.slice(address.lastIndexOf(":") + 1))];
  const deadline = Date.now() + timeoutMs;
  while (!signal.aborted && Date.now() < deadline) {
    if (await answers(host, port)) return true;
    await sleep(300, undefined, { signal }).catch(() => undefined);
  }
  return false;
}

function answers(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1_000, () => done(false));
    socket.once("connect", () => done(true));
    socket.once("error", () => done(false));
  });
}
