import "server-only";
import type { Host } from "../db/generated/client";
import { type StepContext, StepFailure } from "../jobs/model";
import { bash, type SshSession } from "../ssh";
import type { NodeLayout } from "./layout";
import { START_EXIT, START_NODE } from "./remote-scripts";
import { waitForPort } from "./wait-port";

// A broker on a busy 2-core host can take a minute to boot (mapped files, DLedger store recovery).
const BOOT_TIMEOUT_S = 150;
const PORT_TIMEOUT_MS = 60_000;

/** Where a node starts: its host, an open session, and the distribution (ROCKETMQ_HOME). */
export interface StartTarget {
  host: Host;
  session: SshSession;
  home: string;
}

/** Starts one process with its pidfile (never a second copy) and waits until its port answers from the panel. */
export async function startNode(ctx: StepContext, { host, session, home }: StartTarget, node: NodeLayout) {
  const began = Date.now();
  const script = node.kind === "namesrv" ? "mqnamesrv" : "mqbroker";
  const outName = node.kind === "namesrv" ? "namesrv" : "broker";
  ctx.log(`Starting ${node.label} on ${host.name} (JAVA_OPT_EXT="${node.javaOptExt}", pidfile ${node.pidfile})…`);
  const stdout = ctx.stream("stdout");
  const result = await session.exec(
    bash(START_NODE, [
      home,
      node.confPath,
      node.pidfile,
      node.logDir,
      node.javaOptExt,
      node.launchFingerprint,
      script,
      outName,
      BOOT_TIMEOUT_S,
    ]),
    { signal: ctx.signal, onStdout: stdout.write, onStderr: ctx.stream("stderr").write },
  );
  stdout.end();
  if (result.exitCode === START_EXIT.differentLaunch) {
    throw new StepFailure(
      `${node.label} on ${host.name} is running with a different configuration or JVM options than this revision. A deploy never restarts a running broker: apply the revision by rolling restart from the cluster page (or restart the node from the topology dashboard), then retry.`,
      result.exitCode,
    );
  }
  if (result.exitCode !== 0) {
    const tail = result.stderr.trim().split("\n").slice(-3).join(" | ");
    throw new StepFailure(
      `${node.label} on ${host.name} did not start (exit ${result.exitCode ?? result.signal}): ${tail}`,
      result.exitCode,
    );
  }
  const status = /(ALREADY_RUNNING|STARTED) (\d+)/.exec(result.stdout);
  const already = status?.[1] === "ALREADY_RUNNING";
  const pid = Number(status?.[2] ?? 0);
  if (!(await waitForPort(node.address, PORT_TIMEOUT_MS, ctx.signal))) {
    if (ctx.signal.aborted) throw new StepFailure("Cancelled.");
    throw new StepFailure(
      `${node.label} on ${host.name} runs (pid ${pid}) but ${node.address} does not answer from the panel after ${PORT_TIMEOUT_MS / 1000} s; check firewalls between the panel and ${host.name}.`,
    );
  }
  const bootMs = Date.now() - began;
  ctx.log(
    already
      ? `${node.label} already runs as pid ${pid} with this configuration; ${node.address} answers.`
      : `${node.label} is up: pid ${pid}, ${node.address} answers after ${(bootMs / 1000).toFixed(1)} s.`,
  );
  return { started: !already, pid, bootMs };
}
