import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { StepFailure } from "../../jobs/model";
import { type Message, message, messageList } from "../../i18n/message";
import {
  CLOCK_SKEW_FAIL_MS,
  CLOCK_SKEW_WARN_MS,
  MIN_FREE_BYTES,
  MIN_JAVA_MAJOR,
  clockSkewMs,
  parseFreeSpace,
  parseJavaMajor,
} from "../checks";
import { readListening } from "../../nodes/running";
import { FIND_JAVA, FREE_SPACE } from "../remote-scripts";
import { bash } from "../../ssh";
import type { HostStepInput } from "../resources";

const MB = 1024 * 1024;

/** SSH with the pinned key (the session exists), Java, free ports, disk space and clock skew. Changes nothing. */
export async function preflight(ctx: StepContext, { host, session, nodes, resources }: HostStepInput): Promise<StepOutcome> {
  ctx.log(
    message("jobLog.preflight.connected", {
      host: host.name,
      address: host.address,
      user: host.sshUser,
      fingerprint: session.hostKey.fingerprint,
    }),
  );
  const java = await checkJava(ctx, host.name, session);
  const problems = [
    ...(await checkPorts(ctx, host.name, session, nodes)),
    ...(await checkDisk(ctx, host.name, session, resources.spec.cluster.installDir, nodes)),
  ];
  const skewMs = await checkClock(ctx, host.name, session);
  if (Math.abs(skewMs) > CLOCK_SKEW_FAIL_MS) problems.push(message("jobLog.preflight.clockOff", { skew: skewMs, host: host.name }));
  if (problems.length > 0)
    throw new StepFailure(message("jobLog.preflight.failed", { host: host.name, problems: messageList("semicolon", problems) }));
  return { changed: null, detail: { java, clockSkewMs: skewMs } };
}

async function checkJava(ctx: StepContext, hostName: string, session: HostStepInput["session"]) {
  const result = await session.exec(bash(FIND_JAVA), { signal: ctx.signal });
  const [path, versionLine = ""] = result.stdout.trim().split("\n");
  if (result.exitCode === 10 || !path) {
    throw new StepFailure(
      message("jobLog.preflight.noJava", { host: hostName, user: session.info.username, min: MIN_JAVA_MAJOR }),
      result.exitCode,
    );
  }
  const major = parseJavaMajor(versionLine);
  if (major === null || major < MIN_JAVA_MAJOR) {
    throw new StepFailure(message("jobLog.preflight.oldJava", { host: hostName, path, version: versionLine, min: MIN_JAVA_MAJOR }));
  }
  ctx.log(message("jobLog.preflight.java", { major, path, version: versionLine }));
  return { path, major };
}

async function checkPorts(
  ctx: StepContext,
  hostName: string,
  session: HostStepInput["session"],
  nodes: HostStepInput["nodes"],
): Promise<Message[]> {
  const { running, ports: listening } = await readListening(session, nodes, ctx.signal);
  const problems: Message[] = [];
  for (const node of nodes) {
    const ports = node.ports.join(", ");
    if (running.has(node.pidfile)) {
      ctx.log(message("jobLog.preflight.alreadyRuns", { node: node.label, pidfile: node.pidfile, ports }));
      continue;
    }
    const taken = node.ports.filter((p) => listening.has(p));
    if (taken.length > 0)
      problems.push(message("jobLog.preflight.portsTaken", { ports: taken.join(", "), node: node.label, host: hostName }));
    else ctx.log(message("jobLog.preflight.portsFree", { ports, node: node.label }));
  }
  return problems;
}

async function checkDisk(
  ctx: StepContext,
  hostName: string,
  session: HostStepInput["session"],
  installDir: string,
  nodes: HostStepInput["nodes"],
) {
  const paths = [...new Set([installDir, ...nodes.flatMap((n) => n.storePaths)])];
  const result = await session.run("measuring free disk space", bash(FREE_SPACE, paths), { signal: ctx.signal });
  const problems: Message[] = [];
  for (const [path, bytes] of parseFreeSpace(result.stdout)) {
    const free = Math.round(bytes / MB);
    ctx.log(message("jobLog.preflight.diskFree", { path, free }));
    if (bytes < MIN_FREE_BYTES)
      problems.push(message("jobLog.preflight.diskLow", { free, path, host: hostName, min: MIN_FREE_BYTES / MB }));
  }
  return problems;
}

async function checkClock(ctx: StepContext, hostName: string, session: HostStepInput["session"]): Promise<number> {
  const before = Date.now();
  const result = await session.run("reading the clock", ["date", "+%s%3N"], { signal: ctx.signal });
  const skew = clockSkewMs(before, Number(result.stdout.trim()), Date.now());
  if (!Number.isFinite(skew)) throw new StepFailure(message("jobLog.preflight.noClock", { host: hostName, output: result.stdout.trim() }));
  if (Math.abs(skew) > CLOCK_SKEW_WARN_MS) ctx.log(message("jobLog.preflight.clockWarning", { host: hostName, skew }), "stderr");
  else ctx.log(message("jobLog.preflight.clockOk", { skew: Math.abs(skew) }));
  return skew;
}
