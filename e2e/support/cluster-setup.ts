import fs from "node:fs";
import { type APIRequestContext, expect, type Page } from "@playwright/test";
import type { RocketmqRelease } from "../../lib/rocketmq/versions";
import type { LabHost } from "../../lib/testing/lab/hosts";
import { labHosts } from "./lab";
import { ADMIN, signIn } from "./panel";

// Making what a spec needs through the panel's API: inventory rows for lab hosts and a small cluster on them.
// Each spec stays independent of the others: what exists already is reused.

export async function ensureAdmin(page: Page) {
  const setup = await page.request.post("/api/auth/setup", { data: ADMIN });
  if (setup.status() !== 200) await signIn(page, ADMIN);
  else await page.goto("/");
}

export async function json<T>(response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  expect(response.status(), `${response.url()}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as T;
}

async function ensureDatacenter(request: APIRequestContext, code: string): Promise<string> {
  const existing = (await json<{ id: string; code: string }[]>(await request.get("/api/datacenters"))).find((d) => d.code === code);
  if (existing) return existing.id;
  return (await json<{ id: string }>(await request.post("/api/datacenters", { data: { name: code, code } }))).id;
}

async function ensureCredential(request: APIRequestContext): Promise<string> {
  const existing = (await json<{ id: string; name: string }[]>(await request.get("/api/credentials"))).find((c) => c.name === "lab-key");
  if (existing) return existing.id;
  const privateKey = fs.readFileSync(labHosts()[0].privateKeyPath, "utf8");
  return (await json<{ id: string }>(await request.post("/api/credentials", { data: { kind: "ssh_key", name: "lab-key", privateKey } })))
    .id;
}

export interface HostRow {
  id: string;
  name: string;
  address: string;
  datacenterId: string;
  hostKeyFingerprint: string | null;
}

/** The inventory host at a lab host's address (made and trusted if missing). */
async function ensureHost(request: APIRequestContext, lab: LabHost, datacenterId: string, credentialId: string): Promise<HostRow> {
  let host = (await json<HostRow[]>(await request.get("/api/hosts"))).find((h) => h.address === lab.address);
  host ??= await json<HostRow>(
    await request.post("/api/hosts", {
      data: {
        name: `lab-${lab.name}`,
        address: lab.address,
        sshPort: lab.sshPort,
        sshUser: "root",
        datacenterId,
        credentialId,
        labels: ["lab"],
      },
    }),
  );
  if (!host.hostKeyFingerprint) {
    await json(await request.post(`/api/hosts/${host.id}/trust-host-key`, { data: { fingerprint: lab.hostKeyFingerprint } }));
  }
  return host;
}

export interface LabClusterDesign {
  name: string;
  brokerClusterName: string;
  /** Default 4.9.3, the seed's release. */
  rocketmqVersion?: RocketmqRelease;
  installDir: string;
  nameServers: LabHost[];
  groups: { brokerName: string; datacenter: string; hosts: LabHost[] }[];
  /** Hosts put in the inventory (in the first group's datacenter) for a later revision to place nodes on. */
  spareHosts?: LabHost[];
  /** Broker properties every node gets, beside the small store files. */
  brokerProperties?: Record<string, string>;
}

/** A cluster on lab hosts with tiny heaps and small store files, saved as its desired revision. Returns its id. */
export async function createLabCluster(request: APIRequestContext, design: LabClusterDesign): Promise<string> {
  const credentialId = await ensureCredential(request);
  const datacenters = new Map<string, string>();
  for (const code of new Set(design.groups.map((g) => g.datacenter))) datacenters.set(code, await ensureDatacenter(request, code));
  const firstDatacenter = datacenters.get(design.groups[0].datacenter)!;
  const hostRows = new Map<string, HostRow>();
  for (const group of design.groups) {
    for (const lab of group.hosts)
      hostRows.set(lab.name, hostRows.get(lab.name) ?? (await ensureHost(request, lab, datacenters.get(group.datacenter)!, credentialId)));
  }
  for (const lab of [...design.nameServers, ...(design.spareHosts ?? [])])
    hostRows.set(lab.name, hostRows.get(lab.name) ?? (await ensureHost(request, lab, firstDatacenter, credentialId)));

  const existing = (await json<{ id: string; name: string }[]>(await request.get("/api/clusters"))).find((c) => c.name === design.name);
  const cluster =
    existing ??
    (await json<{ id: string }>(
      await request.post("/api/clusters", {
        data: { name: design.name, brokerClusterName: design.brokerClusterName, rocketmqVersion: design.rocketmqVersion ?? "4.9.3" },
      }),
    ));
  const { draft } = await json<{ draft: Record<string, unknown> & { cluster: Record<string, unknown> } }>(
    await request.get(`/api/clusters/${cluster.id}/draft`),
  );
  const smallStore = {
    mappedFileSizeCommitLog: String(64 * 1024 * 1024),
    mappedFileSizeConsumeQueue: String(1000 * 20),
    ...design.brokerProperties,
  };
  const seed = {
    ...draft,
    cluster: {
      ...draft.cluster,
      installDir: design.installDir,
      defaults: { heapMb: 256, sendMessageThreadPoolNums: 2, listenPortBase: 30911, dLegerPortBase: 40911 },
    },
    nameServers: design.nameServers.map((lab) => ({ hostId: hostRows.get(lab.name)!.id, address: lab.address, port: 9876 })),
    groups: design.groups.map((group) => ({
      brokerName: group.brokerName,
      dLegerGroup: group.brokerName,
      datacenterId: datacenters.get(group.datacenter)!,
      datacenterCode: group.datacenter,
      nodes: group.hosts.map((lab, i) => ({
        selfId: `n${i}`,
        hostId: hostRows.get(lab.name)!.id,
        hostAddress: lab.address,
        heapMb: 256,
        extraProperties: smallStore,
      })),
    })),
  };
  await json(await request.put(`/api/clusters/${cluster.id}/draft`, { data: { draft: seed, step: 5 } }));
  await json(
    await request.post(`/api/clusters/${cluster.id}/revisions`, { data: { note: `${design.name} for the e2e specs`, markDesired: true } }),
  );
  return cluster.id;
}

/** Deploys the cluster's desired revision through the API and waits for the job to succeed. */
export async function deployThroughApi(request: APIRequestContext, clusterId: string, timeoutMs = 300_000): Promise<string> {
  const { jobId } = await json<{ jobId: string }>(
    await request.post("/api/jobs", { data: { kind: "deploy", clusterId, nameServerJvmOptions: "-Xms64m -Xmx128m -Xmn32m" } }),
  );
  await waitForJob(request, jobId, timeoutMs);
  return jobId;
}

/** Polls a job until it ends; throws with its error unless it succeeded. */
export async function waitForJob(request: APIRequestContext, jobId: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await json<{ state: string; error: string | null }>(await request.get(`/api/jobs/${jobId}`));
    if (job.state === "succeeded") return;
    if (["failed", "cancelled", "interrupted"].includes(job.state)) throw new Error(`job ${jobId} ${job.state}: ${job.error}`);
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.state} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
}
