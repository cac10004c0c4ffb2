import "server-only";
import type { StepContext, StepOutcome } from "../../jobs/model";
import { StepFailure } from "../../jobs/model";
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
  ctx.log(`Connected to ${host.name} (${host.address}) as ${host.sshUser}; its host key ${session.hostKey.fingerprint} is the pinned one.`);
  const java = await checkJava(ctx, host.name, session);
  const problems = [
    ...(await checkPorts(ctx, host.name, session, nodes)),
    ...(await checkDisk(ctx, host.name, session, resources.spec.cluster.installDir, nodes)),
  ];
  const skewMs = await checkClock(ctx, host.name, session);
  if (Math.abs(skewMs) > CLOCK_SKEW_FAIL_MS) problems.push(`its clock is ${skewMs} ms off the panel's; fix NTP on ${host.name}`);
  if (problems.length > 0) throw new StepFailure(`${host.name}: ${problems.join("; ")}.`);
  return { changed: null, detail: { java, clockSkewMs: skewMs } };
}

async function checkJava(ctx: StepContext, hostName: string, session: HostStepInput["session"]) {
  const result = await session.exec(bash(FIND_JAVA), { signal: ctx.signal });
  const [path, versionLine = ""] = result.stdout.trim().split("\n");
  if (result.exitCode === 10 || !path) {
    throw new StepFailure(
      `${hostName}: Java was not found (no JAVA_HOME, no java on the PATH of ${session.info.username}). Install a JDK or JRE ${MIN_JAVA_MAJOR}–17 (for example apt-get install openjdk-17-jre-headless) and retry.`,
      result.exitCode,
    );
  }
  const major = parseJavaMajor(versionLine);
  if (major === null || major < MIN_JAVA_MAJOR) {
    throw new StepFailure(`${hostName}: ${path} reports "${versionLine}"; RocketMQ needs Java ${MIN_JAVA_MAJOR} or newer.`);
  }
  ctx.log(`Java ${major} at ${path} (${versionLine}).`);
  return { path, major };
}

async function checkPorts(
  ctx: StepContext,
  hostName: string,
  session: HostStepInput["session"],
  nodes: HostStepInput["nodes"],
): Promise<string[]> {
  const { running, ports: listening } = await readListening(session, nodes, ctx.signal);
  const problems: string[] = [];
  for (const node of nodes) {
    if (running.has(node.pidfile)) {
      ctx.log(`${node.label} already runs (${node.pidfile}); its ports ${node.ports.join(", ")} are its own.`);
      continue;
    }
    const taken = node.ports.filter((p) => listening.has(p));
    if (taken.length > 0) problems.push(`port(s) ${taken.join(", ")} needed by ${node.label} are in use by another process on ${hostName}`);
    else ctx.log(`Ports ${node.ports.join(", ")} for ${node.label} are free.`);
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
  const problems: string[] = [];
  for (const [path, bytes] of parseFreeSpace(result.stdout)) {
    ctx.log(`${path}: ${Math.round(bytes / MB)} MB free.`);
    if (bytes < MIN_FREE_BYTES)
      problems.push(`only ${Math.round(bytes / MB)} MB free for ${path} on ${hostName} (at least ${MIN_FREE_BYTES / MB} MB needed)`);
  }
  return problems;
}

async function checkClock(ctx: StepContext, hostName: string, session: HostStepInput["session"]): Promise<number> {
  const before = Date.now();
  const result = await session.run("reading the clock", ["date", "+%s%3N"], { signal: ctx.signal });
  const skew = clockSkewMs(before, Number(result.stdout.trim()), Date.now());
  if (!Number.isFinite(skew)) throw new StepFailure(`${hostName}: could not read its clock (date printed "${result.stdout.trim()}").`);
  if (Math.abs(skew) > CLOCK_SKEW_WARN_MS) ctx.log(`Warning: the clock of ${hostName} is ${skew} ms off the panel's.`, "stderr");
  else ctx.log(`Clock within ${Math.abs(skew)} ms of the panel's.`);
  return skew;
}
