/**
 * `npm run bench:deploy`: click-to-healthy time of the seed's two-center topology (2 NameServers, suzhou@broker and
 * shanghai@broker × 3 nodes) on the SSH host lab, from scratch (nothing installed), and the slowest single broker
 * start. "Click" is the moment the deploy job is created (what the Start deployment button does); "healthy" is the
 * job's success, which needs every node registered with both NameServers and one agreed leader per group.
 * Runs against a throwaway embedded PostgreSQL with an in-process worker; stops every JVM it started.
 */
import { setTimeout as sleep } from "node:timers/promises";
import { runLabBench } from "./lab-bench";

const INSTALL_DIR = "/opt/rmq-bench";

void runLabBench(
  { name: "deploy", installDir: INSTALL_DIR, pick: (lab) => [lab[0], lab[2], lab[6], lab[3], lab[4], lab[5]] },
  async (hosts) => {
    const suzhou = hosts.slice(0, 3);
    const shanghai = hosts.slice(3);
    const { db } = await import("../lib/db");
    const { createDeployJob } = await import("../lib/deploy");
    const { labCluster, labInventory } = await import("../lib/deploy/testing/lab-cluster");
    const inventory = await labInventory(hosts, (h) => (suzhou.includes(h) ? "suzhou" : "shanghai"));
    const { clusterId } = await labCluster(inventory, {
      name: "Bench",
      installDir: INSTALL_DIR,
      nameServerHosts: [suzhou[0], shanghai[0]],
      groups: [
        { brokerName: "suzhou@broker", hosts: suzhou },
        { brokerName: "shanghai@broker", hosts: shanghai },
      ],
    });

    const clicked = performance.now();
    const { jobId } = await createDeployJob(inventory.actor, {
      clusterId,
      source: { kind: "upload" },
      nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m",
    });
    let job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    while (!["succeeded", "failed", "cancelled", "interrupted"].includes(job.state)) {
      await sleep(100);
      job = await db.job.findUniqueOrThrow({ where: { id: jobId } });
    }
    const healthySeconds = (performance.now() - clicked) / 1000;
    if (job.state !== "succeeded") throw new Error(`the deploy ended ${job.state}: ${job.error}`);
    const steps = await db.jobStep.findMany({ where: { jobId }, orderBy: { position: "asc" } });
    const span = (action: string) => {
      const own = steps.filter((s) => s.action === action);
      const from = Math.min(...own.map((s) => s.startedAt!.getTime()));
      const to = Math.max(...own.map((s) => s.finishedAt!.getTime()));
      return ((to - from) / 1000).toFixed(1);
    };
    const boots = steps
      .filter((s) => s.action === "start-brokers")
      .flatMap((s) =>
        ((s.detail as { nodes?: { label: string; bootMs: number }[] } | null)?.nodes ?? []).map((n) => ({ ...n, host: s.hostName })),
      );
    const slowest = boots.reduce((a, b) => (b.bootMs > a.bootMs ? b : a));
    console.log(
      `deploy: click-to-healthy ${healthySeconds.toFixed(1)} s for 2 NameServers + 2 groups × 3 brokers on 6 hosts, from nothing installed`,
    );
    console.log(
      `deploy: slowest broker start ${(slowest.bootMs / 1000).toFixed(1)} s (${slowest.label} on ${slowest.host}); stages: preflight ${span("preflight")} s, install ${span("install")} s, configure ${span("configure")} s, NameServers ${span("start-namesrv")} s, brokers ${span("start-brokers")} s, verify ${span("verify")} s`,
    );
  },
);
