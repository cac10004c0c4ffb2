import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import type { SshSession } from "@/lib/ssh";
import { gatherFacts } from "./facts";
import { hostFactsSchema } from "./facts-schema";

const hosts = inject("labHosts");
const javaHost = hosts.filter((h) => h.java)[4];
const noJavaHost = hosts.find((h) => !h.java);
const sessions: SshSession[] = [];

async function open(host: (typeof hosts)[number]): Promise<SshSession> {
  const session = await connectToLabHost(host);
  sessions.push(session);
  return session;
}

afterAll(() => Promise.all(sessions.map((s) => s.close())));

describe("gathering host facts", () => {
  let session: SshSession;
  beforeAll(async () => {
    session = await open(javaHost);
  });

  it("reads OS, machine size, disk and Java from a lab host", async () => {
    const facts = await gatherFacts(session, { diskPath: "/opt/rocketmq/store" });
    expect(hostFactsSchema.parse(facts)).toEqual(facts);
    expect(facts.os.id).toBe("debian");
    expect(facts.kernel).toMatch(/^\d+\.\d+/);
    expect(facts.cpuCount).toBeGreaterThanOrEqual(1);
    expect(facts.memoryBytes).toBeGreaterThan(256 * 1024 * 1024);
    expect(facts.diskPath).toBe("/opt/rocketmq/store");
    expect(facts.diskFreeBytes).toBeGreaterThan(0);
    expect(facts.java).toMatchObject({ major: 17 });
    expect(facts.java?.raw).toMatch(/^openjdk version "17/);
    expect(facts.listeningTcpPorts).toContain(22);
    expect(Date.now() - Date.parse(facts.gatheredAt)).toBeLessThan(60_000);
  });

  it("sees a port a process on the host starts listening on", async () => {
    const port = 30_000 + Math.floor(Math.random() * 10_000);
    const listener = `perl -MIO::Socket::INET -e 'my $s = IO::Socket::INET->new(LocalPort => ${port}, Listen => 1, ReuseAddr => 1) or die; sleep 20'`;
    await session.run("start a listener", { script: `nohup ${listener} >/dev/null 2>&1 & sleep 0.5` });
    try {
      expect((await gatherFacts(session, { diskPath: "/" })).listeningTcpPorts).toContain(port);
    } finally {
      await session.exec({ script: `pkill -f 'LocalPort => ${port}'` });
    }
  });

  it("reports no Java on a host without it", async () => {
    expect(noJavaHost, "the lab needs a host started with --no-java").toBeDefined();
    const facts = await gatherFacts(await open(noJavaHost!), { diskPath: "/opt" });
    expect(facts.java).toBeNull();
    expect(facts.listeningTcpPorts).toContain(22);
  });

  it("refuses a relative disk path", async () => {
    await expect(gatherFacts(session, { diskPath: "store" })).rejects.toThrow(/not absolute/);
  });
});
