import { describe, expect, it } from "vitest";
import { message } from "../../i18n/message";
import { type ExpectedProcess, type HostCheck, compareCluster, compareHost, unknownLabel } from "./compare";
import { parseDriftReading, type ProcessReading, readDriftArgs } from "./remote-script";

const BROKER = "org.apache.rocketmq.broker.BrokerStartup";
const NAMESRV = "org.apache.rocketmq.namesrv.NamesrvStartup";
const sha = (c: string) => c.repeat(64);

const broker: ExpectedProcess = {
  process: "h1/broker-b1-n0",
  label: "b1 n0",
  confPath: "/opt/rmq/nodes/broker-b1-n0/broker-n0.conf",
  confSha256: sha("a"),
  launchFingerprint: sha("b"),
  mainClass: BROKER,
};
const nameServer: ExpectedProcess = {
  process: "h1/namesrv-9876",
  label: "NameServer :9876",
  confPath: "/opt/rmq/nodes/namesrv-9876/h1-9876.properties",
  confSha256: sha("c"),
  launchFingerprint: sha("d"),
  mainClass: NAMESRV,
};

/** What READ_DRIFT reports for a process running exactly as the revision says. */
const asDeployed = (expected: ExpectedProcess, pid: number): ProcessReading => ({
  confSha256: expected.confSha256,
  pid,
  launch: expected.launchFingerprint,
  mainClass: expected.mainClass,
  confArg: expected.confPath,
});

function host(
  processes: ProcessReading[],
  more: Partial<HostCheck> & { jvms?: { pid: number; mainClass: string; confArg: string | null }[]; known?: number[] } = {},
): HostCheck {
  return {
    hostId: "h1",
    hostName: "host-1",
    expected: [broker, nameServer],
    outcome: { answered: true, reading: { processes, knownPids: new Set(more.known ?? []), jvms: more.jvms ?? [] } },
    ...more,
  };
}

const kinds = (check: HostCheck) => compareHost(check, 3).map((i) => [i.kind, i.label]);

describe("a host compared with the deployed revision", () => {
  it("is in sync when every process runs its revision's conf and launch, and every RocketMQ JVM is one of them", () => {
    const check = host([asDeployed(broker, 100), asDeployed(nameServer, 200)], {
      jvms: [
        { pid: 100, mainClass: BROKER, confArg: broker.confPath },
        { pid: 200, mainClass: NAMESRV, confArg: nameServer.confPath },
      ],
    });
    expect(compareHost(check, 3)).toEqual([]);
    expect(compareCluster([check], 3, new Date("2026-12-01T00:00:00Z"))).toEqual({
      checkedAt: "2026-12-01T00:00:00.000Z",
      revision: 3,
      inSync: true,
      hostsChecked: 1,
      items: [],
    });
  });

  it("finds a hand-edited conf, with both checksums in its detail", () => {
    const [item] = compareHost(host([{ ...asDeployed(broker, 100), confSha256: sha("e") }, asDeployed(nameServer, 200)]), 3);
    expect(item).toEqual({
      kind: "conf-edited",
      hostId: "h1",
      hostName: "host-1",
      process: broker.process,
      label: "b1 n0",
      detail: message("drift.detail.confEdited", { conf: broker.confPath, found: "eeeeeeeeeeee", expected: "aaaaaaaaaaaa" }),
    });
  });

  it("finds a missing conf, and a process stopped behind the panel's back", () => {
    const stopped: ProcessReading = { confSha256: null, pid: null, launch: null, mainClass: null, confArg: null };
    expect(kinds(host([stopped, asDeployed(nameServer, 200)]))).toEqual([
      ["conf-missing", "b1 n0"],
      ["stopped", "b1 n0"],
    ]);
    expect(compareHost(host([stopped, asDeployed(nameServer, 200)]), 3)[1].detail).toEqual(
      message("drift.detail.stopped", { revision: 3 }),
    );
  });

  it("finds a process started with another launch: fingerprint, conf path, main class or no launch record at all", () => {
    const cases: [Partial<ProcessReading>, ReturnType<typeof message>][] = [
      [
        { launch: sha("f") },
        message("drift.detail.otherLaunch", { pid: 100, revision: 3, found: "ffffffffffff", expected: "bbbbbbbbbbbb" }),
      ],
      [{ launch: null }, message("drift.detail.noLaunch", { pid: 100 })],
      [
        { confArg: "/root/broker.conf" },
        message("drift.detail.otherConf", { pid: 100, found: "/root/broker.conf", expected: broker.confPath }),
      ],
      [{ confArg: null }, message("drift.detail.otherConf", { pid: 100, found: "?", expected: broker.confPath })],
      [{ mainClass: NAMESRV }, message("drift.detail.otherMainClass", { pid: 100, found: NAMESRV, expected: BROKER })],
    ];
    for (const [change, detail] of cases) {
      const items = compareHost(host([{ ...asDeployed(broker, 100), ...change }, asDeployed(nameServer, 200)]), 3);
      expect(items.map((i) => [i.kind, i.process, i.detail])).toEqual([["other-launch", broker.process, detail]]);
    }
  });

  it("reports a conf edited after the start and the launch it runs with as two items of one process", () => {
    const reading = { ...asDeployed(broker, 100), confSha256: sha("e"), launch: sha("f") };
    expect(kinds(host([reading, asDeployed(nameServer, 200)]))).toEqual([
      ["conf-edited", "b1 n0"],
      ["other-launch", "b1 n0"],
    ]);
  });

  it("finds RocketMQ JVMs nobody of the cluster started, but not those another cluster's pidfiles name", () => {
    const check = host([asDeployed(broker, 100), asDeployed(nameServer, 200)], {
      jvms: [
        { pid: 100, mainClass: BROKER, confArg: broker.confPath },
        { pid: 4242, mainClass: BROKER, confArg: "/root/broker.conf" },
        { pid: 4343, mainClass: NAMESRV, confArg: null },
        { pid: 5000, mainClass: BROKER, confArg: "/opt/other/nodes/broker-x-n0/broker-n0.conf" },
      ],
      known: [5000],
    });
    const items = compareHost(check, 3);
    expect(items.map((i) => [i.kind, i.process, i.label])).toEqual([
      ["unknown-process", null, "pid 4242 BrokerStartup -c /root/broker.conf"],
      ["unknown-process", null, "pid 4343 NamesrvStartup"],
    ]);
    expect(items.map((i) => i.detail)).toEqual([
      message("drift.detail.unknownProcess", { pid: 4242, main: BROKER, conf: "/root/broker.conf" }),
      message("drift.detail.unknownProcessNoConf", { pid: 4343, main: NAMESRV }),
    ]);
  });

  it("says a host that did not answer in time, or could not be read, is unreachable: one item, no process", () => {
    const timedOut = host([], { outcome: { answered: false, timedOutAfterSeconds: 10 } });
    const refused = host([], { outcome: { answered: false, error: "connection refused" } });
    expect(compareHost(timedOut, 3)).toEqual([
      {
        kind: "host-unreachable",
        hostId: "h1",
        hostName: "host-1",
        process: null,
        label: "host-1",
        detail: message("drift.detail.hostTimedOut", { seconds: 10 }),
      },
    ]);
    expect(compareHost(refused, 3)[0].detail).toEqual(message("drift.detail.hostFailed", { error: "connection refused" }));
    const drift = compareCluster([timedOut, host([asDeployed(broker, 1), asDeployed(nameServer, 2)])], 3, new Date());
    expect(drift).toMatchObject({ inSync: false, hostsChecked: 1 });
    expect(drift.items.map((i) => i.kind)).toEqual(["host-unreachable"]);
  });

  it("labels an unknown process by pid, short main class and conf", () => {
    expect(unknownLabel({ pid: 7, mainClass: "org.apache.rocketmq.proxy.ProxyStartup", confArg: "/a b/c.json" })).toBe(
      "pid 7 ProxyStartup -c /a b/c.json",
    );
  });
});

describe("READ_DRIFT's arguments and output", () => {
  it("passes the count, each process's pidfile and conf, then the other clusters' pidfiles", () => {
    expect(
      readDriftArgs(
        [
          { pidfile: "/p/0.pid", confPath: "/p/0.conf" },
          { pidfile: "/p/1.pid", confPath: "/p/1.conf" },
        ],
        ["/q.pid"],
      ),
    ).toEqual(["2", "/p/0.pid", "/p/0.conf", "/p/1.pid", "/p/1.conf", "/q.pid"]);
  });

  it("reads every line kind, conf paths with spaces, and dashes as nothing", () => {
    const stdout = [
      `NODE 0 ${sha("a")} 100 ${sha("b")}`,
      `ARGS 0 ${BROKER} /opt/with space/broker.conf`,
      "NODE 1 - - -",
      "KNOWN 5000",
      `JVM 100 ${BROKER} /opt/with space/broker.conf`,
      `JVM 4343 ${NAMESRV} `,
      "",
    ].join("\n");
    expect(parseDriftReading(stdout, 2)).toEqual({
      processes: [
        { confSha256: sha("a"), pid: 100, launch: sha("b"), mainClass: BROKER, confArg: "/opt/with space/broker.conf" },
        { confSha256: null, pid: null, launch: null, mainClass: null, confArg: null },
      ],
      knownPids: new Set([5000]),
      jvms: [
        { pid: 100, mainClass: BROKER, confArg: "/opt/with space/broker.conf" },
        { pid: 4343, mainClass: NAMESRV, confArg: null },
      ],
    });
  });

  it("reads a live process whose cmdline has no main class as one without", () => {
    expect(parseDriftReading(`NODE 0 ${sha("a")} 100 -\nARGS 0 `, 1).processes[0]).toEqual({
      confSha256: sha("a"),
      pid: 100,
      launch: null,
      mainClass: null,
      confArg: null,
    });
  });
});
