import "server-only";
import type { Host } from "../db/generated/client";
import { type StepContext, StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
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
  const where = { node: node.label, host: host.name };
  ctx.log(message("jobLog.node.starting", { ...where, options: node.javaOptExt, pidfile: node.pidfile }));
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
    throw new StepFailure(message("jobLog.node.differentLaunch", where), result.exitCode);
  }
  if (result.exitCode !== 0) {
    const tail = result.stderr.trim().split("\n").slice(-3).join(" | ");
    throw new StepFailure(
      message("jobLog.node.didNotStart", { ...where, exit: String(result.exitCode ?? result.signal), output: tail }),
      result.exitCode,
    );
  }
  const status = /(ALREADY_RUNNING|STARTED) (\d+)/.exec(result.stdout);
  const already = status?.[1] === "ALREADY_RUNNING";
  const pid = Number(status?.[2] ?? 0);
  if (!(await waitForPort(node.address, PORT_TIMEOUT_MS, ctx.signal))) {
    if (ctx.signal.aborted) throw new StepFailure(message("jobLog.cancelled"));
    throw new StepFailure(
      message("jobLog.node.noAnswerFromPanel", { ...where, pid, address: node.address, seconds: PORT_TIMEOUT_MS / 1000 }),
    );
  }
  const bootMs = Date.now() - began;
  ctx.log(
    already
      ? message("jobLog.node.alreadyUp", { node: node.label, pid, address: node.address })
      : message("jobLog.node.up", { node: node.label, pid, address: node.address, seconds: (bootMs / 1000).toFixed(1) }),
  );
  return { started: !already, pid, bootMs };
}
