import "server-only";
import { createHash } from "node:crypto";
import { type StepContext, type StepOutcome, StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
import { RemoteFileError, type SshSession } from "../ssh";
import type { NodeLayout } from "./layout";

/** Writes each process's config file atomically (the old one kept as .prev), only where its content changed. */
export async function configure(
  ctx: StepContext,
  { session, nodes }: { session: SshSession; nodes: readonly NodeLayout[] },
): Promise<StepOutcome> {
  const files: { path: string; sha256: string; changed: boolean }[] = [];
  await session.run("creating node folders", ["mkdir", "-p", ...nodes.flatMap((n) => [n.dir, n.logDir])], { signal: ctx.signal });
  for (const node of nodes) {
    if (ctx.signal.aborted) throw new StepFailure(message("jobLog.cancelled"));
    const wanted = createHash("sha256").update(node.file.content).digest("hex");
    const current = await session.sha256(node.confPath).catch((error: unknown) => {
      if (error instanceof RemoteFileError && error.problem === "not-found") return null;
      throw error;
    });
    if (current === wanted) {
      ctx.log(message("jobLog.node.confUpToDate", { conf: node.confPath, sha256: wanted.slice(0, 12) }));
      files.push({ path: node.confPath, sha256: wanted, changed: false });
      continue;
    }
    await session.writeFileAtomic(node.confPath, node.file.content, { keepPrevious: true, mode: 0o644 });
    const wrote = { conf: node.confPath, node: node.label, sha256: wanted.slice(0, 12) };
    ctx.log(message(current ? "jobLog.node.confWrittenKeptPrevious" : "jobLog.node.confWritten", wrote));
    files.push({ path: node.confPath, sha256: wanted, changed: true });
  }
  return { changed: files.some((f) => f.changed), detail: { files } };
}
