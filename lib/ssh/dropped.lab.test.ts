import { afterAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { ConnectionDroppedError } from "./errors";
import type { SshSession } from "./session";

const host = inject("labHosts")[3];
const opened: SshSession[] = [];

afterAll(() => Promise.all(opened.map((s) => s.close())));

async function open(keepaliveIntervalMs?: number): Promise<SshSession> {
  const session = await connectToLabHost(host, { keepaliveIntervalMs });
  opened.push(session);
  return session;
}

// The sshd process serving this connection: the nearest sshd above the command's shell.
const FIND_OWN_SSHD = 'p=$$; while [ "$(cat /proc/$p/comm)" != sshd ]; do p=$(ps -o ppid= -p "$p" | tr -d " "); done; echo "$p"';

describe("a connection that drops", () => {
  it("fails a running command with a typed error when the host's sshd dies", async () => {
    const session = await open();
    const attempt = session.exec({ script: `${FIND_OWN_SSHD}; sleep 0.2; kill -s KILL "$p"; sleep 30` });
    await expect(attempt).rejects.toBeInstanceOf(ConnectionDroppedError);
    await expect(attempt).rejects.toThrow(/dropped \(the host closed the connection\)\. The remote command may still be running/);
    expect(session.closed).toBe(true);
    await expect(session.exec(["true"])).rejects.toBeInstanceOf(ConnectionDroppedError);
    await expect(session.readFile("/etc/hostname")).rejects.toBeInstanceOf(ConnectionDroppedError);
  });

  it("notices a host that silently stops answering", async () => {
    const session = await open(300);
    const sshdPid = (await session.run("find sshd", { script: FIND_OWN_SSHD })).stdout.trim();
    const started = Date.now();
    const attempt = session.exec({ script: `kill -s STOP ${sshdPid}; sleep 30` });
    try {
      await expect(attempt).rejects.toThrow(/dropped \(the host stopped answering\)/);
      // Three missed keepalives at 300 ms, plus slack for a busy machine; far below the 30 s command.
      expect(Date.now() - started).toBeLessThan(8_000);
    } finally {
      const cleaner = await open();
      await cleaner.exec(["kill", "-s", "KILL", sshdPid]);
    }
  });
});
