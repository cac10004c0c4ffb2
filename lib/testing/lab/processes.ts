/**
 * Helpers for the local processes the RocketMQ lab starts: liveness that sees through zombies,
 * polling, free-port checks, log tails.
 */
import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";

/** Running and not a zombie: an orphaned JVM may never be reaped when PID 1 does not reap. */
export function isRunning(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).charAt(0) !== "Z";
  } catch {
    return false;
  }
}

export async function assertPortsFree(ports: number[]) {
  for (const port of ports) {
    await new Promise<void>((resolve, reject) => {
      const server = createServer();
      server.once("error", () => reject(new Error(`port ${port} on 127.0.0.1 is in use; pick another --port-base`)));
      server.listen(port, "127.0.0.1", () => server.close(() => resolve()));
    });
  }
}

export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

export async function tail(file: string): Promise<string> {
  return (await readFile(file, "utf8").catch(() => "")).split("\n").slice(-20).join("\n");
}
