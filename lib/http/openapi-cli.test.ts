import { execFile, spawn } from "node:child_process";
import { once } from "node:events";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { routeModules } from "@/app/api/openapi.json/route-modules";
import { createApiToken } from "../auth/api-tokens";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";

// rmq-panel run as a child process against the API's real route handlers on a loopback HTTP server and a real
// database, with a real token: no lab and no Next build needed (e2e/12-cli.spec.ts runs it against the whole panel,
// with a deploy and a restart on real RocketMQ).

const ROOT = path.resolve(__dirname, "../..");
let server: http.Server;
let url: string;
let token: string;
let succeededJob: string;
let failedJob: string;

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** The route files' paths as matchers, literal ones first ("/api/jobs/preview" before "/api/jobs/{id}"). */
const routes = routeModules
  .map(({ path: pattern, module }) => {
    const names: string[] = [];
    const source = pattern.replace(/\{([^}]+)\}/g, (_, name: string) => {
      names.push(name);
      return "([^/]+)";
    });
    const regex = new RegExp(`^${source}$`);
    return { regex, names, module: module as Record<string, Handler | undefined> };
  })
  .sort((a, b) => a.names.length - b.names.length);

async function serve(incoming: http.IncomingMessage, outgoing: http.ServerResponse) {
  const requestUrl = new URL(incoming.url ?? "/", url);
  const chunks: Buffer[] = [];
  for await (const chunk of incoming) chunks.push(chunk as Buffer);
  for (const { regex, names, module } of routes) {
    const match = regex.exec(requestUrl.pathname);
    const handler = match && module[incoming.method ?? "GET"];
    if (!match || !handler) continue;
    const headers = new Headers();
    for (const [key, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(key, value);
    const request = new NextRequest(requestUrl, {
      method: incoming.method,
      headers,
      body: chunks.length ? Buffer.concat(chunks) : undefined,
    });
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    const response = await handler(request, { params: Promise.resolve(params) });
    outgoing.writeHead(response.status, Object.fromEntries(response.headers));
    outgoing.end(Buffer.from(await response.arrayBuffer()));
    return;
  }
  outgoing.writeHead(404).end();
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["scripts/rmq-panel.mjs", ...args],
      {
        cwd: ROOT,
        timeout: 100_000,
        env: {
          ...process.env,
          HOME: os.tmpdir(),
          RMQ_PANEL_URL: url,
          RMQ_PANEL_TOKEN: token,
          RMQ_PANEL_CONFIG: "/nonexistent",
          ...env,
        },
      },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

// Each run starts a Node process with tsx: seconds each, tens of seconds on a machine busy with JVMs.
describe("rmq-panel against the API's route handlers", { timeout: 240_000 }, () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_cli");
    const admin = await db.user.create({ data: { username: "cli-admin", passwordHash: "x", role: "admin" } });
    ({ secret: token } = await createApiToken({ id: admin.id, username: admin.username, role: "admin" }, { name: "cli test" }));
    const cluster = await db.cluster.create({ data: { name: "Orders", brokerClusterName: "OrdersCluster", rocketmqVersion: "4.9.7" } });
    const job = (state: "succeeded" | "failed", error: string | null) =>
      db.job.create({
        data: {
          kind: "deploy",
          title: `Deploy Orders (${state})`,
          state,
          error,
          clusterId: cluster.id,
          finishedAt: new Date(),
          logLines: { create: [1, 2, 3].map((seq) => ({ seq, stream: "info" as const, text: `line ${seq} of a ${state} job` })) },
        },
      });
    succeededJob = (await job("succeeded", null)).id;
    failedJob = (await job("failed", "the broker did not start")).id;
    server = http.createServer((incoming, outgoing) => void serve(incoming, outgoing));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
  });

  it("lists clusters as a table and as the API's JSON", async () => {
    const text = await cli(["clusters", "ls"]);
    expect(text).toMatchObject({ code: 0, stderr: "" });
    expect(text.stdout).toMatch(/^NAME\s+ID\s+VERSION/);
    expect(text.stdout).toMatch(/^Orders\s+[0-9a-f-]{36}\s+4\.9\.7/m);
    const asJson = await cli(["--json", "clusters", "ls"]);
    expect(JSON.parse(asJson.stdout)).toEqual([expect.objectContaining({ name: "Orders", brokerClusterName: "OrdersCluster" })]);
  });

  it("lists jobs, of all clusters or of one named", async () => {
    const all = await cli(["jobs", "ls", "--json"]);
    expect(
      JSON.parse(all.stdout)
        .map((j: { id: string }) => j.id)
        .sort(),
    ).toEqual([succeededJob, failedJob].sort());
    const one = await cli(["jobs", "ls", "--cluster", "Orders"]);
    expect(one.code).toBe(0);
    expect(one.stdout).toContain("Deploy Orders (failed)");
  });

  it("prints a job's log, and when following, exits with the job's result", async () => {
    const done = await cli(["jobs", "logs", succeededJob, "--follow"]);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/line 1 of a succeeded job\n.*line 2.*\n.*line 3.*\njob [0-9a-f-]+ succeeded\n$/);
    const failed = await cli(["jobs", "logs", failedJob, "--follow", "--json"]);
    expect(failed.code).toBe(3);
    const events = failed.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(events).toHaveLength(4);
    expect(events.at(-1)).toEqual({ type: "job", id: failedJob, state: "failed", summary: null, error: "the broker did not start" });
  });

  it("prints the API's own refusal and exits 1: a bad token, a malformed job id, an operation the cluster cannot take", async () => {
    const refusal = await fetch(`${url}/api/clusters`, { headers: { authorization: "Bearer rmq_wrong", "accept-language": "en" } });
    const { error } = await refusal.json();
    const [badToken, malformed, notDeployed, noRevision] = await Promise.all([
      cli(["clusters", "ls"], { RMQ_PANEL_TOKEN: "rmq_wrong" }),
      cli(["jobs", "logs", "not-a-job"]),
      cli(["restart", "Orders", "broker-a/n0"]),
      cli(["deploy", "Orders", "--follow"]),
    ]);
    expect(badToken).toMatchObject({ code: 1, stdout: "", stderr: `rmq-panel: ${error}\n` });
    expect(malformed.code).toBe(1);
    expect(malformed.stderr).toMatch(/^rmq-panel: URL path id: /);
    for (const refused of [notDeployed, noRevision])
      expect(refused).toMatchObject({ code: 1, stderr: expect.stringMatching(/^rmq-panel: \S/) });
  });

  it("names an unknown cluster, refuses a malformed target, and says where the token should come from", async () => {
    const [unknown, wholeGroup, malformed, noToken] = await Promise.all([
      cli(["topology", "Payments"]),
      cli(["restart", "Orders", "broker-a"]),
      cli(["restart", "Orders", "a/b/c"]),
      cli(["clusters", "ls"], { RMQ_PANEL_TOKEN: "" }),
    ]);
    expect(unknown).toMatchObject({ code: 1, stderr: expect.stringContaining('no cluster named "Payments"') });
    expect(wholeGroup).toMatchObject({ code: 2, stderr: expect.stringContaining("pass --rolling") });
    expect(malformed.code).toBe(2);
    expect(noToken.stderr).toContain("no API token: set RMQ_PANEL_TOKEN");
  });

  it("topology --watch keeps reading until interrupted", async () => {
    const child = spawn(process.execPath, ["scripts/rmq-panel.mjs", "topology", "Orders", "--watch"], {
      cwd: ROOT,
      env: { ...process.env, RMQ_PANEL_URL: url, RMQ_PANEL_TOKEN: token, RMQ_PANEL_CONFIG: "/nonexistent" },
    });
    let stdout = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    await vi.waitFor(() => expect(stdout).toContain("Orders: no topology yet"), { timeout: 90_000 });
    child.kill("SIGINT");
    await once(child, "close");
  });

  it("reads the address and token from its config file when the environment has none", async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rmq-cli-")), "config.json");
    fs.writeFileSync(file, JSON.stringify({ url, token }));
    const run = await cli(["topology", "Orders"], { RMQ_PANEL_URL: "", RMQ_PANEL_TOKEN: "", RMQ_PANEL_CONFIG: file });
    expect(run).toMatchObject({ code: 0, stdout: expect.stringContaining("Orders: no topology yet") });
  });
});
