import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import * as driftRoute from "@/app/api/clusters/[id]/drift/route";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { killRocketmq } from "@/lib/testing/lab/faults";
import type { LabHost } from "@/lib/testing/lab/hosts";
import { parseRevision } from "../../clusters";
import { db } from "../../db";
import { type LabInventory, labCluster, labInventory } from "../../deploy/testing/lab-cluster";
import { message } from "../../i18n/message";
import { bash, type SshSession } from "../../ssh";
import { refreshDriftAfterJob } from "../../worker/after-job";
import { type NodeLayout, nodeLayouts, processKey } from "../layout";
import { MAIN_CLASS } from "../remote-scripts";
import { DEFAULT_NAMESERVER_JVM_OPTIONS } from "../schema";
import { readDrift, refreshDrift } from ".";
import { readHosts } from "./read-hosts";

// Drift against a real sshd host without JVMs: the revision's confs, pidfiles and launch records written as a deploy
// writes them, and for each "JVM" a long-running shell whose command line carries the main class and -c <conf>, as
// the real one's does (all remote-scripts' `running` asks of it). h7 and its own install dir only.

const session = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: "viewer" | "operator" } }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), currentUser: async () => session.user }));

const h7 = inject("labHosts")[6];
const INSTALL_DIR = "/opt/rmq-drift-test";
// An inventory host whose SSH port refuses at once: a host that cannot be read.
const ghost: LabHost = { ...h7, name: "ghost", address: "127.0.0.1", sshPort: 1 };
const HAND_CONF = `${INSTALL_DIR}/hand/broker.conf`;

/** $1 main class  $2 conf  $3 pidfile ("" for none)  $4 launch fingerprint: prints the stand-in's pid. */
const START_STAND_IN = `set -eu
setsid sh -c 'sleep 600 & child=$!; trap "kill $child; exit 0" TERM; wait' "$1" -c "$2" </dev/null >/dev/null 2>&1 &
echo $!
if [ -n "$3" ]; then echo $! >"$3"; printf '%s\\n' "$4" >"$3.launch"; fi`;

let host: SshSession;
let inventory: LabInventory;
const started: number[] = [];
let main: { clusterId: string; revision: number; layouts: NodeLayout[] };
let neighbour: { clusterId: string; revision: number; layouts: NodeLayout[] };

async function startStandIn(mainClass: string, conf: string, pidfile = "", launch = ""): Promise<number> {
  const result = await host.run("starting a stand-in process", bash(START_STAND_IN, [mainClass, conf, pidfile, launch]));
  const pid = Number(result.stdout.trim());
  started.push(pid);
  return pid;
}

/** What a deploy leaves on the host: the node's folder and conf, the process, its pidfile and launch record. */
async function deployAsThePanelWould(node: NodeLayout): Promise<number> {
  await host.run("creating the node folder", ["mkdir", "-p", node.dir, node.logDir]);
  await host.writeFileAtomic(node.confPath, node.file.content);
  return startStandIn(MAIN_CLASS[node.kind], node.confPath, node.pidfile, node.launchFingerprint);
}

/** A lab cluster marked deployed at its revision, as a deploy job's end marks it. */
async function deployedCluster(options: Parameters<typeof labCluster>[1]) {
  const { clusterId, revision } = await labCluster(inventory, options);
  const row = await db.clusterRevision.findFirstOrThrow({ where: { clusterId, number: revision } });
  await db.cluster.update({ where: { id: clusterId }, data: { deployedRevisionId: row.id, deployedAt: new Date() } });
  const { spec, files } = parseRevision(row);
  return { clusterId, revision, layouts: nodeLayouts(spec, files, DEFAULT_NAMESERVER_JVM_OPTIONS) };
}

const onH7 = (layouts: NodeLayout[]) => layouts.filter((node) => node.hostId === inventory.hostIds.get(h7.name));

beforeAll(async () => {
  await killRocketmq([h7]);
  host = await connectToLabHost(h7);
  await host.run("wiping the test install", ["rm", "-rf", INSTALL_DIR]);
  inventory = await labInventory([h7, ghost]);
  main = await deployedCluster({
    name: "Drift",
    installDir: INSTALL_DIR,
    nameServerHosts: [h7],
    groups: [{ brokerName: "d1", hosts: [h7, h7] }],
    rocketmqVersion: "4.9.7",
  });
  // Another cluster of the panel shares h7: its processes are the panel's, not unknown ones.
  neighbour = await deployedCluster({
    name: "DriftNeighbour",
    installDir: `${INSTALL_DIR}/neighbour`,
    nameServerHosts: [h7],
    groups: [{ brokerName: "nb", hosts: [ghost] }],
    rocketmqVersion: "4.9.7",
  });
  for (const node of [...main.layouts, ...onH7(neighbour.layouts)]) await deployAsThePanelWould(node);
}, 60_000);

afterAll(async () => {
  if (started.length > 0) await host?.exec(["kill", "-TERM", ...started.map(String)]);
  await host?.close();
});

const summary = (items: { kind: string; label: string }[]) => items.map((item) => [item.kind, item.label]);

describe("drift on a real host", () => {
  it("finds a cluster that runs exactly its deployed revision in sync, and stores the check", async () => {
    expect(main.layouts.map((node) => node.label)).toEqual(["NameServer :9876", "d1 n0", "d1 n1"]);
    const drift = await refreshDrift(main.clusterId);
    expect(drift).toEqual({ checkedAt: expect.any(String), revision: main.revision, inSync: true, hostsChecked: 1, items: [] });
    expect(await readDrift(main.clusterId)).toEqual(drift);
  });

  it("finds a hand-edited conf, a missing one, a stopped node, another launch and an unknown RocketMQ process", async () => {
    const [nameServer, n0, n1] = main.layouts;
    await host.run("editing a conf by hand", ["sh", "-c", 'echo "listenPort=9999" >>"$1"', "sh", nameServer.confPath]);
    await host.run("stopping a node behind the panel's back", [
      "sh",
      "-c",
      'kill -TERM "$(cat "$1")" && rm -f "$2"',
      "sh",
      n0.pidfile,
      n0.confPath,
    ]);
    await host.run("restarting a node with other options", ["sh", "-c", 'echo "0000other" >"$1.launch"', "sh", n1.pidfile]);
    await host.run("creating a hand-made conf", ["mkdir", "-p", `${INSTALL_DIR}/hand`]);
    const stranger = await startStandIn(MAIN_CLASS.broker, HAND_CONF);

    const drift = await refreshDrift(main.clusterId);
    expect(drift).toMatchObject({ revision: main.revision, inSync: false, hostsChecked: 1 });
    expect(summary(drift!.items)).toEqual([
      ["conf-edited", "NameServer :9876"],
      ["conf-missing", "d1 n0"],
      ["stopped", "d1 n0"],
      ["other-launch", "d1 n1"],
      ["unknown-process", `pid ${stranger} BrokerStartup -c ${HAND_CONF}`],
    ]);
    const [edited, missing, , otherLaunch, unknown] = drift!.items;
    expect(edited).toMatchObject({ process: processKey(nameServer), hostName: expect.stringMatching(/^h7-/) });
    expect(edited.detail.key).toBe("drift.detail.confEdited");
    expect(missing.detail).toEqual(message("drift.detail.confMissing", { conf: n0.confPath }));
    expect(otherLaunch.detail).toMatchObject({ key: "drift.detail.otherLaunch", values: { found: "0000other" } });
    expect(unknown).toMatchObject({
      process: null,
      detail: message("drift.detail.unknownProcess", { pid: stranger, main: MAIN_CLASS.broker, conf: HAND_CONF }),
    });
    expect(await readDrift(main.clusterId)).toEqual(drift);
  });

  it("says a host that cannot be read, or does not answer in time, is unreachable", async () => {
    const drift = await refreshDrift(neighbour.clusterId);
    // Its NameServer on h7 runs as deployed; h7's unknown process is unknown to it too.
    expect(summary(drift!.items).map(([kind]) => kind)).toEqual(["unknown-process", "host-unreachable"]);
    expect(drift!.items[1]).toMatchObject({
      process: null,
      label: expect.stringMatching(/^ghost-/),
      detail: { key: "drift.detail.hostFailed" },
    });
    expect(drift!.hostsChecked).toBe(1);

    const row = await db.host.findUniqueOrThrow({ where: { id: inventory.hostIds.get(h7.name)! } });
    const outcomes = await readHosts([row], [{ hostId: row.id, managed: [], otherPidfiles: [] }], 5);
    expect(outcomes.get(row.id)).toEqual({ answered: false, timedOutAfterSeconds: 1 });
  });

  it("reads the hosts again once a job of the cluster has ended, not while it runs", async () => {
    const before = (await readDrift(main.clusterId))!.checkedAt;
    const running = await db.job.create({ data: { kind: "test", title: "test", state: "running", clusterId: main.clusterId } });
    await refreshDriftAfterJob(running.id);
    expect((await readDrift(main.clusterId))!.checkedAt).toBe(before);
    await db.job.update({ where: { id: running.id }, data: { state: "cancelled" } });
    await refreshDriftAfterJob(running.id);
    expect((await readDrift(main.clusterId))!.checkedAt > before).toBe(true);
  });
});

describe("the drift route", () => {
  const ORIGIN = "http://panel.test";
  const call = async (handler: typeof driftRoute.GET, method: "GET" | "POST", id: string) => {
    const headers = { host: "panel.test", ...(method === "POST" ? { origin: ORIGIN } : {}) };
    const response = await handler(new NextRequest(`${ORIGIN}/api/clusters/${id}/drift`, { method, headers }), {
      params: Promise.resolve({ id }),
    });
    return { status: response.status, data: await response.json() };
  };
  const as = async (role: "viewer" | "operator") => {
    const user = await db.user.create({ data: { username: `drift-${role}-${Date.now()}`, passwordHash: "x", role } });
    session.user = { id: user.id, username: user.username, role };
  };

  it("answers the last check to a viewer and checks now for an operator only", async () => {
    await as("viewer");
    const last = await call(driftRoute.GET, "GET", main.clusterId);
    expect(last).toEqual({ status: 200, data: { drift: await readDrift(main.clusterId) } });
    expect((await call(driftRoute.POST, "POST", main.clusterId)).status).toBe(403);
    await as("operator");
    const now = await call(driftRoute.POST, "POST", main.clusterId);
    expect(now.status).toBe(200);
    expect(now.data.drift.checkedAt > last.data.drift.checkedAt).toBe(true);
    expect(now.data.drift.items).toHaveLength(5);
  });

  it("says 404 for an unknown cluster and 422 for one never deployed", async () => {
    await as("operator");
    expect((await call(driftRoute.GET, "GET", "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93")).status).toBe(404);
    const draft = await db.cluster.create({
      data: { name: `drift-draft-${Date.now()}`, brokerClusterName: "C", rocketmqVersion: "4.9.7" },
    });
    for (const [handler, method] of [
      [driftRoute.GET, "GET"],
      [driftRoute.POST, "POST"],
    ] as const) {
      expect(await call(handler, method, draft.id)).toMatchObject({ status: 422, data: { code: "not_deployed" } });
    }
  });
});
