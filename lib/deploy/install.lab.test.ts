import { createReadStream, readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectToLabHost } from "@/lib/testing/lab/connect";
import { ensureRocketmqDistribution } from "@/lib/rocketmq/distribution/assemble";
import type { Host, Job, JobStep } from "../db/generated/client";
import { runbookSpec } from "../design/fixtures/specs";
import type { StepContext } from "../jobs/model";
import { english } from "../i18n/translate";
import type { SshSession } from "../ssh";
import type { HostConnections } from "../nodes/connections";
import type { DeployResources } from "./resources";
import type { DeploySource } from "./schema";
import { install } from "./steps/install";

// The install step's download path: a lab host fetches the tarball from a URL (served here, on the lab bridge).

const lab = inject("labHosts")[4];
const INSTALL_DIR = "/opt/rmq-url-test";
let server: http.Server;
let url: string;
let sha256: string;
let session: SshSession;

beforeAll(async () => {
  const dist = await ensureRocketmqDistribution("4.9.3");
  sha256 = readFileSync(`${dist.tarball}.sha256`, "utf8").split(/\s+/)[0];
  server = http.createServer((_request, response) => createReadStream(dist.tarball).pipe(response));
  // The lab's hosts reach the bridge address, 10.77.0.1, and nothing else outside their namespace.
  await new Promise<void>((resolve) => server.listen(0, "10.77.0.1", resolve));
  url = `http://10.77.0.1:${(server.address() as AddressInfo).port}/rocketmq-4.9.3.tar.gz`;
  session = await connectToLabHost(lab);
  await session.run("wiping", ["rm", "-rf", INSTALL_DIR]);
}, 300_000);

afterAll(async () => {
  await session?.run("wiping", ["rm", "-rf", INSTALL_DIR]);
  await session?.close();
  server?.close();
});

function context(logs: string[]): StepContext {
  return {
    job: {} as Job,
    step: {} as JobStep,
    signal: new AbortController().signal,
    log: (text) => logs.push(english(text)),
    stream: () => ({ write: (chunk) => logs.push(chunk), end: () => {} }),
    progress: () => {},
  };
}

function input(source: DeploySource) {
  const spec = runbookSpec("4.9.3");
  spec.cluster.installDir = INSTALL_DIR;
  const resources = {
    spec,
    params: { revisionNumber: 1, source, nameServerJvmOptions: "" },
    connections: {} as HostConnections,
  } as unknown as DeployResources;
  return { resources, host: { id: "h", name: lab.name } as Host, session, nodes: [] };
}

describe("installing from a URL the operator gives", () => {
  it("refuses a download whose checksum is not the one given, and removes it", async () => {
    const wrong = "0".repeat(64);
    await expect(install(context([]), input({ kind: "url", url, sha256: wrong }))).rejects.toThrow(
      new RegExp(`has sha256 ${sha256}, expected ${wrong}\\. The file was removed`),
    );
    expect((await session.exec(["test", "-e", `${INSTALL_DIR}/downloads/rocketmq-4.9.3.tar.gz`])).exitCode).toBe(1);
    expect((await session.exec(["test", "-e", `${INSTALL_DIR}/rocketmq-4.9.3`])).exitCode).toBe(1);
  }, 60_000);

  it("downloads, verifies and unpacks it, and skips all of it the second time", async () => {
    const logs: string[] = [];
    expect(await install(context(logs), input({ kind: "url", url, sha256 }))).toMatchObject({ changed: true });
    expect(logs.join("\n")).toMatch(/Checksum verified/);
    expect((await session.exec(["test", "-x", `${INSTALL_DIR}/rocketmq-4.9.3/bin/mqbroker`])).exitCode).toBe(0);
    const again: string[] = [];
    expect(await install(context(again), input({ kind: "url", url, sha256 }))).toMatchObject({ changed: false });
    expect(again.join("\n")).toMatch(/already installed/);
  }, 60_000);
});
