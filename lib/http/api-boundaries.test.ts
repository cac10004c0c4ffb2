import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as login from "@/app/api/auth/login/route";
import * as compare from "@/app/api/clusters/[id]/compare/route";
import * as revision from "@/app/api/clusters/[id]/revisions/[number]/route";
import * as clusters from "@/app/api/clusters/route";
import * as datacenter from "@/app/api/datacenters/[id]/route";
import * as datacenters from "@/app/api/datacenters/route";
import * as host from "@/app/api/hosts/[id]/route";
import * as jobLogs from "@/app/api/jobs/[id]/logs/route";
import * as jobPreview from "@/app/api/jobs/preview/route";
import { db } from "../db";
import { useFreshDatabase } from "../testing/fresh-database";

// The findings of issue 19's sweep, each a 500 before, run through the real route handlers and a real database.

const session = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: "admin"; locale?: "zh-CN" } }));
vi.mock("../auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), currentUser: async () => session.user }));

const ORIGIN = "http://panel.test";
const UNKNOWN_ID = "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93";
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function send(
  handler: Handler,
  path: string,
  {
    method = "GET",
    body,
    params = {},
    headers: extra = {},
  }: { method?: string; body?: unknown; params?: Record<string, string>; headers?: Record<string, string> } = {},
) {
  const headers: Record<string, string> = { host: "panel.test", origin: ORIGIN, ...extra };
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new NextRequest(`${ORIGIN}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, data: await response.json() };
}

let dcId: string;

describe("API boundaries answer a clear 4xx for what used to be a 500", () => {
  beforeAll(async () => {
    await useFreshDatabase("rmq_api_boundaries");
    const admin = await db.user.create({ data: { username: "boundary-admin", passwordHash: "x", role: "admin" } });
    session.user = { id: admin.id, username: admin.username, role: "admin" };
    dcId = (await db.datacenter.create({ data: { name: "Suzhou", code: "suzhou" } })).id;
  });

  it("refuses a NUL byte in the sign-in name without a session", async () => {
    const signedIn = session.user;
    session.user = null;
    const { status, data } = await send(login.POST, "/api/auth/login", { method: "POST", body: { username: "\u0000", password: "x" } });
    session.user = signedIn;
    expect(status).toBe(400);
    expect(data.error).toMatch(/^username: may not contain NUL/);
  });

  it("refuses a malformed id in the path before asking the database", async () => {
    const { status, data } = await send(host.GET, "/api/hosts/not-a-uuid", { params: { id: "not-a-uuid" } });
    expect(status).toBe(400);
    expect(data.error).toMatch(/^URL path id: must be an id/);
    expect((await send(host.GET, `/api/hosts/${UNKNOWN_ID}`, { params: { id: UNKNOWN_ID } })).status).toBe(404);
  });

  it("refuses revision numbers beyond int4 in the path, in compare?to= and in a deploy preview", async () => {
    const big = String(2 ** 40);
    expect(
      (await send(revision.GET, `/api/clusters/${UNKNOWN_ID}/revisions/${big}`, { params: { id: UNKNOWN_ID, number: big } })).data.error,
    ).toMatch(/^URL path number: Revision must be at most 2147483647/);
    const compared = await send(compare.GET, `/api/clusters/${UNKNOWN_ID}/compare?to=${big}`, { params: { id: UNKNOWN_ID } });
    expect(compared).toMatchObject({ status: 400, data: { error: expect.stringMatching(/^query parameter to: /) } });
    const preview = await send(jobPreview.POST, "/api/jobs/preview", {
      method: "POST",
      body: { clusterId: UNKNOWN_ID, revision: 2 ** 40 },
    });
    expect(preview).toMatchObject({
      status: 400,
      data: { error: expect.stringMatching(/^revision: Revision numbers go up to 2147483647/) },
    });
    const logs = await send(jobLogs.GET, `/api/jobs/${UNKNOWN_ID}/logs?after=${big}`, { params: { id: UNKNOWN_ID } });
    expect(logs).toMatchObject({ status: 400, data: { error: expect.stringMatching(/^query parameter after: /) } });
  });

  it("refuses a huge sign-in name: 413 beyond the body limit, 400 within it (it reached an index before)", async () => {
    const signedIn = session.user;
    session.user = null;
    const huge = await send(login.POST, "/api/auth/login", {
      method: "POST",
      body: { username: "u".repeat(9 * 1024 * 1024), password: "x" },
    });
    const long = await send(login.POST, "/api/auth/login", { method: "POST", body: { username: "u".repeat(100_000), password: "x" } });
    session.user = signedIn;
    expect(huge).toMatchObject({
      status: 413,
      data: { code: "body_too_large", error: expect.stringMatching(/larger than this route accepts \(1 MiB\)/) },
    });
    expect(long).toMatchObject({ status: 400, data: { error: "username: Usernames are at most 64 characters." } });
  });

  it("refuses display names with line breaks, separators or text-direction controls", async () => {
    for (const name of [
      "Suzhou\nadmin logged in",
      "Suzhou\u2028x",
      "Suzhou\u202Egnp.exe",
      "a\u2066b",
      "a\u200Fb",
      "a\u061Cb",
      "tab\there",
    ]) {
      const { status, data } = await send(datacenters.POST, "/api/datacenters", { method: "POST", body: { name, code: "spoof" } });
      expect({ name, status, error: data.error }).toEqual({
        name,
        status: 400,
        error: "name: Name may not contain line breaks, control characters or text-direction controls.",
      });
    }
    const cluster = await send(clusters.POST, "/api/clusters", {
      method: "POST",
      body: { name: "Prod\u2029Staging", brokerClusterName: "Raft", rocketmqVersion: "4.9.3" },
    });
    expect(cluster.status).toBe(400);
    expect(
      (await send(datacenters.POST, "/api/datacenters", { method: "POST", body: { name: "Hangzhou — 杭州", code: "hangzhou" } })).status,
    ).toBe(200);
  });

  it("refuses to delete a host the desired revision uses, naming the clusters (409, not a foreign-key 500)", async () => {
    const used = await db.host.create({ data: { name: "sz-1", address: "10.77.0.11", sshPort: 22, sshUser: "root", datacenterId: dcId } });
    await db.cluster.create({
      data: {
        name: "orders",
        brokerClusterName: "Raft",
        rocketmqVersion: "4.9.3",
        nameServers: { create: { hostId: used.id, port: 9876 } },
      },
    });
    const refused = await send(host.DELETE, `/api/hosts/${used.id}`, { method: "DELETE", params: { id: used.id } });
    expect(refused).toEqual({
      status: 409,
      data: { error: 'Host "sz-1" is used by the desired revision of "orders"; move its nodes to other hosts first.', code: "conflict" },
    });
    expect(await db.host.count({ where: { id: used.id } })).toBe(1);
    const free = await db.host.create({ data: { name: "sz-2", address: "10.77.0.12", sshPort: 22, sshUser: "root", datacenterId: dcId } });
    expect((await send(host.DELETE, `/api/hosts/${free.id}`, { method: "DELETE", params: { id: free.id } })).status).toBe(200);
  });

  it("refuses to delete a datacenter a broker group still names, though its hosts moved away (409, not a foreign-key 500)", async () => {
    const empty = await db.datacenter.create({ data: { name: "Wuxi", code: "wuxi" } });
    await db.cluster.create({
      data: {
        name: "payments",
        brokerClusterName: "Raft",
        rocketmqVersion: "4.9.3",
        groups: { create: { brokerName: "wx-broker", datacenterId: empty.id } },
      },
    });
    const refused = await send(datacenter.DELETE, `/api/datacenters/${empty.id}`, { method: "DELETE", params: { id: empty.id } });
    expect(refused).toEqual({
      status: 409,
      data: { error: 'Datacenter "wuxi" holds broker groups of "payments"; change their design first.', code: "conflict" },
    });
  });

  it("answers in the reader's language, with the same codes: a domain refusal, a schema's message, a missing row", async () => {
    const zh = { "accept-language": "zh-CN" };
    expect(
      await send(datacenters.POST, "/api/datacenters", { method: "POST", body: { name: "Suzhou", code: "suzhou" }, headers: zh }),
    ).toEqual({
      status: 409,
      data: { error: "代码为“suzhou”的数据中心已存在。", code: "conflict" },
    });
    const spoof = await send(datacenters.POST, "/api/datacenters", { method: "POST", body: { name: "a\nb", code: "spoof" }, headers: zh });
    expect(spoof).toMatchObject({
      status: 400,
      data: { code: "invalid_input", error: "name：名称不能包含换行符、控制字符或文字方向控制符。" },
    });
    const signedIn = session.user;
    session.user = signedIn && { ...signedIn, locale: "zh-CN" };
    const missing = await send(host.GET, `/api/hosts/${UNKNOWN_ID}`, { params: { id: UNKNOWN_ID } });
    session.user = signedIn;
    expect(missing).toEqual({ status: 404, data: { error: "未找到该主机。", code: "not_found" } });
  });
});
