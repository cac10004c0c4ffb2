import "server-only";
import { db } from "../db";
import type { HostSnapshot } from "../design";
import { hostFactsSchema } from "../inventory/facts-schema";

/**
 * The inventory as the generator and linter see it: each host with its datacenter and, when facts were gathered,
 * CPU count and memory (for thread-pool and heap sizing).
 */
export async function hostSnapshots(): Promise<HostSnapshot[]> {
  const hosts = await db.host.findMany({
    orderBy: { name: "asc" },
    include: { datacenter: true, facts: { orderBy: { gatheredAt: "desc" }, take: 1 } },
  });
  return hosts.map((host) => {
    const facts = hostFactsSchema.safeParse(host.facts[0]?.facts);
    return {
      id: host.id,
      name: host.name,
      address: host.address,
      datacenterId: host.datacenterId,
      datacenterCode: host.datacenter.code,
      ...(facts.success ? { cpuCount: facts.data.cpuCount, memoryBytes: facts.data.memoryBytes } : {}),
    };
  });
}
