import "server-only";
import type { Host } from "../db/generated/client";
import { type StepContext, StepFailure } from "../jobs/model";
import { message } from "../i18n/message";
import { bash, type SshSession } from "../ssh";
import type { NodeLayout } from "./layout";
import { MAIN_CLASS, STOP_EXIT, STOP_NODE } from "./remote-scripts";

const SIGTERM_TIMEOUT_S = 60;

/** A node with its host and an open session there. */
export interface NodeOnHost {
  node: NodeLayout;
  host: Host;
  session: SshSession;
}

/** Stops exactly this node's process (pid checked against its command line and config), then waits for its ports. */
export async function stopProcess(ctx: StepContext, { node, host, session }: NodeOnHost): Promise<{ stopped: boolean }> {
  ctx.log(message("jobLog.node.stopping", { node: node.label, host: host.name, pidfile: node.pidfile }));
  const stdout = ctx.stream("stdout");
  const result = await session.exec(
    bash(STOP_NODE, [node.pidfile, node.confPath, MAIN_CLASS[node.kind], SIGTERM_TIMEOUT_S, ...node.ports]),
    {
      signal: ctx.signal,
      onStdout: stdout.write,
      onStderr: ctx.stream("stderr").write,
    },
  );
  stdout.end();
  if (result.exitCode !== 0) {
    const reason =
      result.stderr.trim().split("\n").at(-1) ?? message("jobLog.node.exit", { code: String(result.exitCode ?? result.signal) });
    const refused = result.exitCode === STOP_EXIT.notOurProcess || result.exitCode === STOP_EXIT.otherConfig;
    throw new StepFailure(
      message(refused ? "jobLog.node.refusedToStop" : "jobLog.node.couldNotStop", { node: node.label, host: host.name, reason }),
      result.exitCode,
    );
  }
  const stopped = !/^NOT_RUNNING$/m.test(result.stdout);
  ctx.log(message(stopped ? "jobLog.node.stopped" : "jobLog.node.wasNotRunning", { node: node.label, ports: node.ports.join(", ") }));
  return { stopped };
}
