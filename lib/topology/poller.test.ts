import { afterEach, describe, expect, it } from "vitest";
import { type RocketmqClient, RocketmqConnectionError, RocketmqTimeoutError } from "../rocketmq";
import type { TopologyLayout } from "./layout";
import { Limiter } from "./limiter";
import type { TopologyEventInput, TopologySnapshot } from "./model";
import { ClusterPoller } from "./poller";
import { labLayout, META } from "./testing/readings";

// The poller's scheduling, with a scripted client in place of sockets: what RocketMQ answers is covered against real
// JVMs (lib/rocketmq's suites, e2e/05-topology); here only how the poller behaves when a host hangs or a leader moves.

type Behaviour = "answer" | "hang" | "refuse";

function scriptedCluster(layout: TopologyLayout) {
  const group = layout.groups[0];
  const state = { leaderId: "n0", term: 1, behaviour: new Map<string, Behaviour>() };
  const byAddress = new Map(
    group.nodes.flatMap((n) => [
      [n.dledgerAddress, n.selfId],
      [n.brokerAddress!, n.selfId],
    ]),
  );
  const reply = <T>(address: string, code: number, timeoutMs: number | undefined, value: () => T): Promise<T> => {
    const behaviour = state.behaviour.get(byAddress.get(address) ?? "") ?? "answer";
    if (behaviour === "refuse") return Promise.reject(new RocketmqConnectionError(address, "refused", "connect ECONNREFUSED"));
    if (behaviour === "hang")
      return new Promise((_, reject) => setTimeout(() => reject(new RocketmqTimeoutError(address, code, timeoutMs ?? 0)), timeoutMs));
    return new Promise((resolve, reject) => setTimeout(() => (async () => value())().then(resolve, reject), 2));
  };
  const peers = Object.fromEntries(group.nodes.map((n) => [n.selfId, n.dledgerAddress]));
  const client = {
    getClusterInfo: () =>
      Promise.resolve({
        clusters: [
          {
            name: layout.brokerClusterName,
            brokerGroups: [
              {
                brokerName: group.brokerName,
                cluster: layout.brokerClusterName,
                members: group.nodes.map((n) => ({
                  brokerId: n.selfId === state.leaderId ? 0 : Number(n.selfId.slice(1)) + 1,
                  address: n.brokerAddress!,
                })),
              },
            ],
          },
        ],
      }),
    getDledgerMetadata: (address: string, member: { selfId: string }, o?: { timeoutMs?: number }) =>
      reply(address, 50000, o?.timeoutMs, () => ({ group: group.brokerName, selfId: member.selfId, leaderId: state.leaderId, peers })),
    getDledgerTerm: (address: string, _member: unknown, o?: { timeoutMs?: number }) =>
      reply(address, 51002, o?.timeoutMs, () => state.term),
    getBrokerRuntimeInfo: (address: string, o?: { timeoutMs?: number }) =>
      reply(address, 28, o?.timeoutMs, () => Promise.reject(new RocketmqTimeoutError(address, 28, 0))),
    getBrokerConfig: (address: string, o?: { timeoutMs?: number }) => reply(address, 26, o?.timeoutMs, () => ({})),
  } as unknown as RocketmqClient;
  return { client, state };
}

function startPoller(options: { publish?: (snapshot: TopologySnapshot) => boolean } = {}) {
  const layout = { ...labLayout(), nameServers: ["10.0.0.1:9876"] };
  const cluster = scriptedCluster(layout);
  const published: { snapshot: TopologySnapshot; events: TopologyEventInput[]; at: number }[] = [];
  let leaseLost = false;
  const poller = new ClusterPoller({
    meta: META,
    layout,
    previous: null,
    rocketmq: cluster.client,
    limiter: new Limiter(8),
    datacenterOf: () => null,
    log: () => undefined,
    onLeaseLost: () => {
      leaseLost = true;
    },
    sink: {
      publish: async (snapshot, events) => {
        published.push({ snapshot, events, at: Date.now() });
        return options.publish?.(snapshot) ?? true;
      },
      saveLayout: async () => undefined,
      sample: () => undefined,
    },
  });
  pollers.push(poller);
  poller.start();
  const latest = () => published.at(-1)?.snapshot;
  const node = (selfId: string) => latest()?.groups[0].nodes.find((n) => n.selfId === selfId);
  return { poller, cluster, published, latest, node, leaseLost: () => leaseLost };
}

const pollers: ClusterPoller[] = [];
afterEach(async () => {
  await Promise.all(pollers.splice(0).map((p) => p.stop()));
});

describe("the cluster poller", () => {
  it("marks a hung host down by deadline while the other nodes stay fresh", async () => {
    const { cluster, node } = startPoller();
    cluster.state.behaviour.set("n2", "hang");
    await expect.poll(() => node("n2")?.health, { timeout: 8_000, interval: 100 }).toBe("down");
    const now = Date.now();
    for (const selfId of ["n0", "n1"]) {
      expect(node(selfId)?.health).toBe("up");
      expect(now - (node(selfId)?.dledger.observedAt ?? 0)).toBeLessThan(1_600);
    }
    expect(node("n2")?.dledger.errorKind).toBe("timeout");
  }, 15_000);

  it("publishes a new leader within a polling round, with its new term, and tells it once", async () => {
    const { cluster, latest, published } = startPoller();
    await expect.poll(() => latest()?.groups[0].leaderId, { timeout: 5_000 }).toBe("n0");
    cluster.state.behaviour.set("n0", "refuse");
    await expect.poll(() => latest()?.groups[0].leaderId, { timeout: 5_000 }).toBeNull();
    const electedAt = Date.now();
    Object.assign(cluster.state, { leaderId: "n1", term: 2 });
    await expect.poll(() => latest()?.groups[0].leaderId, { timeout: 5_000, interval: 20 }).toBe("n1");
    // A leaderless group's members are asked every 250 ms.
    expect(published.find((p) => p.snapshot.groups[0].leaderId === "n1")!.at - electedAt).toBeLessThan(700);
    expect(latest()?.groups[0].term).toBe(2);
    const told = published.flatMap((p) => p.events).filter((e) => e.kind === "leader_elected" || e.kind === "term_changed");
    expect(told.map((e) => e.message)).toEqual(["n1 leads RaftNode00 in term 2"]);
  }, 15_000);

  it("stops publishing once the lease is lost", async () => {
    const { published, leaseLost } = startPoller({ publish: () => false });
    await expect.poll(() => leaseLost(), { timeout: 5_000 }).toBe(true);
    const count = published.length;
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(published.length).toBe(count);
  }, 10_000);
});
