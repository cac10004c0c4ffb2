import { expect, it } from "vitest";
import { db } from "../../db";
import { translate } from "../../i18n/translate";
import { readIndexState } from "./store";
import { startConsoleIndex } from "./runner";

it("refreshes the clusters this worker holds, again after the interval, and says in both languages why a refresh failed", async () => {
  // Nothing listens on port 1: the NameServer refuses at once, so the panel knows no broker group of the cluster.
  const cluster = await db.cluster.create({
    data: {
      name: `index-runner-${Date.now()}`,
      brokerClusterName: "Nowhere",
      rocketmqVersion: "4.9.7",
      attached: { create: { nameServers: ["127.0.0.1:1"] } },
    },
  });
  const lines: string[] = [];
  const runner = startConsoleIndex({
    pollers: { id: "worker-test", clusterIds: () => [cluster.id] },
    intervalMs: 500,
    log: (l) => lines.push(l),
  });
  try {
    // Two refreshes 500 ms apart; on a loaded machine, each may take seconds.
    await expect
      .poll(() => lines.filter((l) => l.startsWith(`refreshing the index of cluster ${cluster.id} failed`)).length, { timeout: 20_000 })
      .toBeGreaterThanOrEqual(2);
  } finally {
    await runner.stop();
  }
  const state = await readIndexState(cluster.id);
  expect(state).toMatchObject({
    refreshedAt: null,
    brokerCalls: null,
    error: expect.stringContaining("no broker group of cluster Nowhere"),
  });
  expect(state.errorMessage).toEqual({ key: "errors.console.index.noGroups", values: { cluster: "Nowhere" } });
  expect(translate(state.errorMessage ?? "", "zh-CN")).toContain("集群 Nowhere");
  await db.cluster.delete({ where: { id: cluster.id } });
});
