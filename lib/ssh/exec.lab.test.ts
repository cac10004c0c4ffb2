import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { CommandAbortedError, CommandFailedError, CommandTimeoutError } from "./errors";
import type { SshSession } from "./session";

const host = inject("labHosts")[1];
let session: SshSession;

beforeAll(async () => {
  session = await connectToLabHost(host);
});
afterAll(() => session?.close());

/** A sleep whose command line is unique, so the test can look for it in the host's process list. */
function uniqueSleep(): string {
  return `sleep 7${randomBytes(3).readUIntBE(0, 3)}`;
}

async function isRunning(commandLine: string): Promise<boolean> {
  const ps = await session.exec(["ps", "-eo", "args="]);
  return ps.stdout.split("\n").some((line) => line.trim() === commandLine);
}

describe("running commands", () => {
  it("returns stdout, stderr and the exit code", async () => {
    const result = await session.exec({ script: 'echo out; echo err >&2; exit "$1"', args: ["3"] });
    expect(result).toEqual({ exitCode: 3, signal: null, stdout: "out\n", stderr: "err\n", truncated: false });
  });

  it("never loses the exit status of a command that ends at once", async () => {
    // Its status can share a packet with the channel-open confirmation.
    const results = await Promise.all(Array.from({ length: 40 }, () => session.exec(["true"])));
    for (let i = 0; i < 40; i++) results.push(await session.exec(["true"]));
    expect(results.map((r) => r.exitCode)).toEqual(Array(80).fill(0));
  });

  it("reports a process killed by a signal", async () => {
    const result = await session.exec({ script: "kill -s KILL $$" });
    expect(result).toMatchObject({ exitCode: null, signal: "SIGKILL" });
  });

  it("streams output while the command runs", async () => {
    const seen: { text: string; at: number }[] = [];
    const started = Date.now();
    const result = await session.exec(
      // stdout and stderr are separate pipes: only time orders them.
      { script: "echo first; sleep 1; echo second >&2; sleep 0.3; echo third" },
      {
        onStdout: (text) => seen.push({ text, at: Date.now() - started }),
        onStderr: (text) => seen.push({ text, at: Date.now() - started }),
      },
    );
    expect(seen.map((s) => s.text).join("")).toBe("first\nsecond\nthird\n");
    expect(seen[0]).toMatchObject({ text: "first\n" });
    expect(seen.at(-1)!.at - seen[0].at).toBeGreaterThan(900);
    expect(result.stdout).toBe("first\nthird\n");
  });

  it("feeds stdin and always closes it", async () => {
    expect((await session.exec(["cat"], { stdin: "to the host\n" })).stdout).toBe("to the host\n");
    expect((await session.exec(["cat"])).stdout).toBe("");
  });

  it("keeps only the tail of a huge output", async () => {
    const result = await session.exec({ script: "seq 1 200000" }, { maxBufferBytes: 1000 });
    expect(result.truncated).toBe(true);
    expect(result.stdout.length).toBe(1000);
    expect(result.stdout.endsWith("199999\n200000\n")).toBe(true);
  });

  it("runs several commands at once on one session", async () => {
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => session.exec({ script: `sleep 0.3; echo ${n}` })));
    expect(results.map((r) => r.stdout)).toEqual(["1\n", "2\n", "3\n", "4\n", "5\n"]);
  });

  it("throws a readable error from run() when the command fails", async () => {
    const attempt = session.run("Checking the store directory", ["ls", "/no/such/dir"]);
    await expect(attempt).rejects.toBeInstanceOf(CommandFailedError);
    await expect(attempt).rejects.toThrow(/Checking the store directory on 10\.77\.0\.\d+ exited with code 2: .*No such file/);
  });
});

describe("stopping commands", () => {
  it("kills the whole remote process group when aborted", async () => {
    const sleeper = uniqueSleep();
    const controller = new AbortController();
    const running = session.exec(
      { script: `${sleeper} & ${sleeper} & echo started; wait` },
      { signal: controller.signal, onStdout: (text) => text.includes("started") && controller.abort() },
    );
    await expect(running).rejects.toBeInstanceOf(CommandAbortedError);
    expect(await isRunning(sleeper)).toBe(false);
  });

  it("stops a command that runs past its timeout", async () => {
    const sleeper = uniqueSleep();
    const started = Date.now();
    await expect(session.exec({ script: `${sleeper}` }, { timeoutMs: 300 })).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(await isRunning(sleeper)).toBe(false);
  });

  it("uses KILL on a process that ignores TERM", async () => {
    const sleeper = uniqueSleep();
    // An ignored signal stays ignored in children, so the whole group shrugs off TERM.
    const attempt = session.exec({ script: `trap "" TERM; ${sleeper}` }, { timeoutMs: 200 });
    await expect(attempt).rejects.toBeInstanceOf(CommandTimeoutError);
    expect(await isRunning(sleeper)).toBe(false);
  });

  it("does not start a command whose signal is already aborted", async () => {
    await expect(session.exec(["true"], { signal: AbortSignal.abort() })).rejects.toBeInstanceOf(CommandAbortedError);
  });
});
