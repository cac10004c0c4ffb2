// Property test: whatever the topology, placement and allocation never make two processes on one
// host share a port or a store directory, and a completed draft lints without errors.
import { describe, expect, it } from "vitest";
import { brokerPorts, completeDraft, makeGroupDraft } from "./allocate";
import { lintSpec } from "../lint/lint";
import type { ClusterDraft, ClusterSpec, HostSnapshot } from "../model/schema";
import { pathsOverlap } from "../model/paths";

const GIB = 1024 ** 3;

function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return {
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: T[]) => items[Math.floor(next() * items.length)],
  };
}

function randomDraft(seed: number): ClusterDraft {
  const r = prng(seed);
  const datacenters = Array.from({ length: r.int(1, 3) }, (_, i) => ({ datacenterId: `dc${i}`, datacenterCode: `c${i}` }));
  const hosts: HostSnapshot[] = datacenters.flatMap((dc, d) =>
    Array.from({ length: r.int(1, 5) }, (_, h) => {
      const address = `10.${d}.0.${h + 1}`;
      const extra = r.int(0, 1) === 1 ? { addresses: [address, `172.17.${d}.${h + 1}`] } : {};
      return { id: `h${d}-${h}`, name: `h${d}-${h}`, address, ...dc, cpuCount: r.int(1, 64), memoryBytes: r.int(1, 256) * GIB, ...extra };
    }),
  );
  // Ports near the allocation bases, to force the allocator around them.
  const nameServers = Array.from({ length: r.int(1, 3) }, () => {
    const host = r.pick(hosts);
    return { hostId: host.id, address: host.address, port: r.pick([9876, 30909, 30911, 30912, 30921, 40911, 40912]) };
  }).filter((ns, i, all) => all.findIndex((o) => o.hostId === ns.hostId && o.port === ns.port) === i);
  const groups = Array.from({ length: r.int(1, 6) }, (_, g) =>
    makeGroupDraft({ brokerName: `group-${g}`, ...r.pick(datacenters), size: r.int(1, 5) }),
  );
  const listenPortBase = r.pick([30911, 10911, 9878, 40909]);
  const dLegerPortBase = r.pick([40911, 30912, listenPortBase + 1, 9876]);
  return {
    schemaVersion: 1,
    cluster: {
      name: `random ${seed}`,
      brokerClusterName: "Random",
      rocketmqVersion: r.pick(["4.9.8", "5.3.x"]),
      flushDiskType: "ASYNC_FLUSH",
      installDir: r.pick(["/opt/rocketmq", "/data"]),
      defaults: { heapMb: 2048, sendMessageThreadPoolNums: 4, listenPortBase, dLegerPortBase },
    },
    hosts,
    nameServers,
    groups,
  };
}

function portsByHost(spec: ClusterSpec): Map<string, number[]> {
  const byHost = new Map<string, number[]>();
  const add = (hostId: string, ports: number[]) => byHost.set(hostId, [...(byHost.get(hostId) ?? []), ...ports]);
  for (const ns of spec.nameServers) add(ns.hostId, [ns.port]);
  for (const n of spec.groups.flatMap((g) => g.nodes)) add(n.hostId, brokerPorts(n.listenPort, n.dLegerPort));
  return byHost;
}

function overlappingStores(spec: ClusterSpec): string[] {
  const nodes = spec.groups.flatMap((g) => g.nodes.map((n) => ({ ...n, label: `${g.brokerName}/${n.selfId}` })));
  return nodes.flatMap((a, i) =>
    nodes
      .slice(i + 1)
      .filter((b) => a.hostId === b.hostId)
      .filter((b) =>
        [a.storePathRootDir, a.storePathCommitLog].some((pa) =>
          [b.storePathRootDir, b.storePathCommitLog].some((pb) => pathsOverlap(pa, pb)),
        ),
      )
      .map((b) => `${a.label} ~ ${b.label}`),
  );
}

describe("allocation over random topologies", () => {
  const seeds = Array.from({ length: 300 }, (_, i) => i + 1);

  it.each(seeds)("seed %i: no shared port or store directory on any host, no lint errors", (seed) => {
    const result = completeDraft(randomDraft(seed));
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    for (const [host, ports] of portsByHost(result.spec)) {
      expect(new Set(ports).size, `ports on ${host}: ${ports.join(",")}`).toBe(ports.length);
    }
    expect(overlappingStores(result.spec)).toEqual([]);
    expect(lintSpec(result.spec).filter((f) => f.severity === "error")).toEqual([]);
  });
});
