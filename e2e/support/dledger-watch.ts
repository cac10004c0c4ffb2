/**
 * Watches a DLedger group directly, as a reference clock for the dashboard's failover delay:
 *   node --conditions=react-server --import tsx e2e/support/dledger-watch.ts <group> <oldLeaderId> <selfId=host:port>...
 * Prints `ready` once a member answered, then asks every member's METADATA every 50 ms and prints one JSON line
 * {"leaderId", "at"} (at = Date.now()) as soon as any member names a leader other than oldLeaderId, and exits.
 * A separate process because lib/ is server-only (the react-server condition), which Playwright's runner is not.
 */
import { createRocketmqClient } from "../../lib/rocketmq";

const [group, oldLeaderId, ...members] = process.argv.slice(2);
const peers = members.map((m) => {
  const [selfId, address] = m.split("=");
  return { selfId, address };
});
const client = createRocketmqClient({ timeoutMs: 500 });
const deadline = Date.now() + 120_000;
let ready = false;
try {
  while (Date.now() < deadline) {
    const answers = await Promise.allSettled(peers.map((p) => client.getDledgerMetadata(p.address, { group, selfId: p.selfId })));
    const at = Date.now();
    if (!ready && answers.some((a) => a.status === "fulfilled")) {
      ready = true;
      console.log("ready");
    }
    const named = answers.find((a) => a.status === "fulfilled" && a.value.leaderId !== null && a.value.leaderId !== oldLeaderId);
    if (named?.status === "fulfilled") {
      console.log(JSON.stringify({ leaderId: named.value.leaderId, at }));
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
} finally {
  await client.close();
}
