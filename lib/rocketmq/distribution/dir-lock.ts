/**
 * A cross-process lock on a folder path: mkdir is atomic, the owner's pid inside lets a later
 * process take over a lock whose owner died (a killed fetch must not block the next one forever).
 */
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";

export async function withDirLock<T>(lockDir: string, work: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await mkdir(lockDir);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      if (await ownerIsGone(lockDir)) {
        await rm(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir}`);
      await sleep(250);
    }
  }
  try {
    await writeFile(join(lockDir, "pid"), String(process.pid));
    return await work();
  } finally {
    await rm(lockDir, { recursive: true, force: true });
  }
}

async function ownerIsGone(lockDir: string): Promise<boolean> {
  const pid = Number(await readFile(join(lockDir, "pid"), "utf8").catch(() => ""));
  // No pid yet: the owner is between mkdir and writeFile; give it time.
  if (!pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}
