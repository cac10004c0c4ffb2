import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Runs a program (never through a shell) with a bounded time; rejects with its stderr on failure. */
export function run(file: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { timeout: opts.timeoutMs ?? 15_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const detail = String(stderr).trim() || err.message;
        reject(new Error(`${file} ${args.join(" ")} failed: ${detail}`));
        return;
      }
      resolve({ stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Like run, but "it did not work" is an answer, not an error (for probes and best-effort cleanup). */
export async function tryRun(file: string, args: string[], opts: { timeoutMs?: number } = {}): Promise<RunResult | null> {
  try {
    return await run(file, args, opts);
  } catch {
    return null;
  }
}

/** A zombie counts as dead: a killed sshd whose parent (often pid 1) has not reaped it yet. */
export function isAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The state letter follows the ")" that closes the command name.
    return !/^\s*[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 1));
  } catch {
    return false;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
