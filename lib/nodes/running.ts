import "server-only";
import { parseProcNetTcp } from "../inventory/facts-parse";
import { bash, type SshSession } from "../ssh";
import type { NodeLayout } from "./layout";
import { LISTENING_PORTS, LIVE_LAUNCH } from "./remote-scripts";

/** The live process was started with exactly this layout's conf, JVM options and distribution (its launch fingerprint). */
export async function runsLaunch({ node, session }: { node: NodeLayout; session: SshSession }): Promise<boolean> {
  const result = await session.exec(bash(LIVE_LAUNCH, [node.pidfile]));
  return result.stdout.trim() === node.launchFingerprint;
}

export interface HostListening {
  /** Pidfiles of the nodes asked about whose RocketMQ JVM runs. */
  running: Set<string>;
  /** Every TCP port the host listens on, by any process. */
  ports: Set<number>;
}

/** Which of these nodes run, and which ports are taken on their host. */
export async function readListening(session: SshSession, nodes: readonly NodeLayout[], signal: AbortSignal): Promise<HostListening> {
  const result = await session.run(
    "listing listening ports",
    bash(
      LISTENING_PORTS,
      nodes.map((n) => n.pidfile),
    ),
    { signal },
  );
  return parseListening(result.stdout);
}

/** LISTENING_PORTS' output: "RUNNING <pidfile>" lines, then /proc/net/tcp{,6} lines. */
export function parseListening(stdout: string): HostListening {
  const lines = stdout.split("\n");
  const isRunning = (line: string) => line.startsWith("RUNNING ");
  return {
    running: new Set(lines.filter(isRunning).map((l) => l.slice("RUNNING ".length))),
    ports: new Set(parseProcNetTcp(lines.filter((l) => !isRunning(l)).join("\n"))),
  };
}
