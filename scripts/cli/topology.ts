import { setTimeout as sleep } from "node:timers/promises";
import { topologyResponse } from "../../lib/http/openapi-responses";
import type { PanelClient } from "./client";
import { findCluster } from "./clusters";
import { type Output, show, showLine } from "./output";

type Snapshot = NonNullable<(typeof topologyResponse._output)["snapshot"]>;

/** Workers refresh a snapshot every second or two; --watch reads as often and prints each change. */
const WATCH_INTERVAL_MS = 2_000;

export async function showTopology(client: PanelClient, clusterName: string, options: Output & { watch: boolean }): Promise<void> {
  const cluster = await findCluster(client, clusterName);
  const path = `/api/clusters/${cluster.id}/topology`;
  if (!options.watch) {
    const { snapshot } = await client.get(path, topologyResponse);
    show(options, { snapshot }, () => describe(cluster.name, snapshot));
    return;
  }
  let last = "";
  for (;;) {
    const { snapshot } = await client.get(path, topologyResponse);
    const text = describe(cluster.name, snapshot);
    if (text !== last) {
      if (options.json) showLine({ snapshot });
      else console.log(`${text}\n`);
      last = text;
    }
    await sleep(WATCH_INTERVAL_MS);
  }
}

/** What an operator checks first: who leads each group, in which term, and which node is down or lagging. */
function describe(name: string, snapshot: Snapshot | null): string {
  if (!snapshot) return `${name}: no topology yet (the worker polls a cluster within seconds of its deploy or attach)`;
  const revision = snapshot.revision
    ? `revision ${snapshot.revision.number}${snapshot.revision.deployed ? "" : " (not deployed)"}`
    : "attached";
  const lines = [`${name} (${snapshot.brokerClusterName}, ${revision})`];
  lines.push(`  NameServers: ${snapshot.nameServers.map((n) => `${n.address} ${n.health}`).join(", ") || "none"}`);
  for (const group of snapshot.groups) {
    lines.push(`  ${group.brokerName}: ${group.health}, leader ${group.leaderId ?? "none"}, term ${group.term ?? "?"}`);
    for (const node of group.nodes) {
      const lag = node.lagBytes === null || node.role === "leader" ? "" : `, ${node.lagBytes} bytes behind`;
      lines.push(`    ${node.selfId} ${node.role} ${node.health} ${node.brokerAddress ?? "-"}${lag}`);
    }
  }
  return lines.join("\n");
}
