/**
 * A protocol-level stand-in for a large RocketMQ-on-DLedger cluster, for `npm run bench:topology` only (never for
 * correctness tests: those run real JVMs). One NameServer and `groups` × `nodes` brokers, each with a broker port
 * and a DLedger port, all answering the calls the topology poller makes, from one Node.js process. Every node has
 * its own loopback address (127.1.x.y), so the ports repeat like on real hosts and 600 listeners need no port plan.
 */
import { createServer, type Server, type Socket } from "node:net";
import { encodeCommand, FLAG_RESPONSE, FrameDecoder, type RemotingCommand } from "../../lib/rocketmq/codec";
import { DLEDGER_OUTER_SUCCESS, DledgerRequestCode, RequestCode } from "../../lib/rocketmq/codes";

export interface FakeClusterOptions {
  groups: number;
  nodesPerGroup?: number;
  namesrvPort: number;
  clusterName?: string;
}

export interface FakeCluster {
  namesrvAddress: string;
  clusterName: string;
  nodeCount: number;
  /** Requests answered so far, by request code. */
  served: Map<number, number>;
  close: () => Promise<void>;
}

const BROKER_PORT = 10911;
const DLEDGER_PORT = 40911;

interface FakeNode {
  brokerName: string;
  selfId: string;
  ip: string;
}

export async function startFakeCluster(options: FakeClusterOptions): Promise<FakeCluster> {
  const perGroup = options.nodesPerGroup ?? 3;
  const clusterName = options.clusterName ?? "BenchCluster";
  const groups = Array.from({ length: options.groups }, (_, g) => {
    const brokerName = `bench-${String(g).padStart(3, "0")}`;
    const nodes: FakeNode[] = Array.from({ length: perGroup }, (_, i) => {
      const n = g * perGroup + i;
      return { brokerName, selfId: `n${i}`, ip: `127.1.${Math.floor(n / 250)}.${(n % 250) + 1}` };
    });
    return { brokerName, nodes, leader: nodes[0], term: 1 + (g % 5) };
  });
  const bootTimestamp = Date.now();
  const served = new Map<number, number>();
  const peersOf = (group: (typeof groups)[number]) => group.nodes.map((n) => `${n.selfId}-${n.ip}:${DLEDGER_PORT}`).join(";");

  const clusterInfo = () => {
    const brokerAddrTable: Record<string, unknown> = {};
    for (const group of groups) {
      const brokerAddrs: Record<string, string> = {};
      for (const node of group.nodes)
        brokerAddrs[node === group.leader ? "0" : String(Number(node.selfId.slice(1)) + 1)] = `${node.ip}:${BROKER_PORT}`;
      brokerAddrTable[group.brokerName] = { cluster: clusterName, brokerName: group.brokerName, brokerAddrs };
    }
    return JSON.stringify({ brokerAddrTable, clusterAddrTable: { [clusterName]: groups.map((g) => g.brokerName) } });
  };

  const brokerAnswer = (group: (typeof groups)[number], node: FakeNode, request: RemotingCommand): [number, string] => {
    if (request.code === RequestCode.GET_BROKER_RUNTIME_INFO) {
      const tps = (10 + Math.random() * 5).toFixed(1);
      const table = {
        brokerVersionDesc: "V4_9_3",
        brokerVersion: "399",
        bootTimestamp: String(bootTimestamp),
        putTps: `${tps} ${tps} ${tps}`,
        getTotalTps: `${tps} ${tps} ${tps}`,
        commitLogDiskRatio: "0.25",
        commitLogMaxOffset: String(1_000_000 - (node === group.leader ? 0 : 512)),
      };
      return [0, JSON.stringify({ table })];
    }
    if (request.code === RequestCode.GET_BROKER_CONFIG) {
      const config = {
        brokerClusterName: clusterName,
        brokerName: group.brokerName,
        brokerIP1: node.ip,
        listenPort: String(BROKER_PORT),
        enableDLegerCommitLog: "true",
        dLegerGroup: group.brokerName,
        dLegerSelfId: node.selfId,
        dLegerPeers: peersOf(group),
        brokerRole: node === group.leader ? "SYNC_MASTER" : "SLAVE",
        brokerId: node === group.leader ? "0" : String(Number(node.selfId.slice(1)) + 1),
      };
      return [
        0,
        Object.entries(config)
          .map(([k, v]) => `${k}=${v}`)
          .join("\n"),
      ];
    }
    return [3, ""];
  };

  const dledgerAnswer = (group: (typeof groups)[number], request: RemotingCommand): [number, string] => {
    if (request.code === DledgerRequestCode.METADATA) {
      const peers = Object.fromEntries(group.nodes.map((n) => [n.selfId, `${n.ip}:${DLEDGER_PORT}`]));
      return [
        DLEDGER_OUTER_SUCCESS,
        JSON.stringify({ code: 200, group: group.brokerName, leaderId: group.leader.selfId, peers, term: -1 }),
      ];
    }
    if (request.code === DledgerRequestCode.HEART_BEAT) {
      // What a real member answers a probe from a non-peer: UNKNOWN_MEMBER with its current term.
      return [DLEDGER_OUTER_SUCCESS, JSON.stringify({ code: 401, group: group.brokerName, term: group.term })];
    }
    return [3, ""];
  };

  const servers: Server[] = [];
  const sockets = new Set<Socket>();
  const listen = (host: string, port: number, answer: (request: RemotingCommand) => [number, string]) =>
    new Promise<void>((resolve, reject) => {
      const server = createServer((socket) => {
        sockets.add(socket);
        socket.on("close", () => sockets.delete(socket));
        socket.on("error", () => socket.destroy());
        const decoder = new FrameDecoder();
        socket.on("data", (chunk) => {
          for (const request of decoder.push(chunk)) {
            served.set(request.code, (served.get(request.code) ?? 0) + 1);
            const [code, body] = answer(request);
            const response: RemotingCommand = {
              code,
              language: "JAVA",
              version: 399,
              opaque: request.opaque,
              flag: FLAG_RESPONSE,
              serializeType: "JSON",
              body: Buffer.from(body),
            };
            socket.write(encodeCommand(response));
          }
        });
      });
      server.once("error", reject);
      server.listen(port, host, () => resolve());
      servers.push(server);
    });

  await listen("127.0.0.1", options.namesrvPort, (request) =>
    request.code === RequestCode.GET_BROKER_CLUSTER_INFO ? [0, clusterInfo()] : [3, ""],
  );
  for (const group of groups) {
    for (const node of group.nodes) {
      await listen(node.ip, BROKER_PORT, (request) => brokerAnswer(group, node, request));
      await listen(node.ip, DLEDGER_PORT, (request) => dledgerAnswer(group, request));
    }
  }

  return {
    namesrvAddress: `127.0.0.1:${options.namesrvPort}`,
    clusterName,
    nodeCount: options.groups * perGroup,
    served,
    async close() {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
    },
  };
}
