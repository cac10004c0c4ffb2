import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it, vi } from "vitest";
import * as lagRoute from "@/app/api/clusters/[id]/groups/[group]/lag/route";
import * as groupsRoute from "@/app/api/clusters/[id]/groups/route";
import * as topicsRoute from "@/app/api/clusters/[id]/topics/route";
import { db } from "../../db";
import { storeGroupRow, storeTopicRow } from "./store";

// The three list routes through their real handlers and database, signed in as a viewer.

const session = vi.hoisted(() => ({ user: null as null | { id: string; username: string; role: "viewer" } }));
vi.mock("@/lib/auth/session", async (importOriginal) => ({ ...(await importOriginal<object>()), currentUser: async () => session.user }));

const ORIGIN = "http://panel.test";
const UNKNOWN_ID = "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93";
type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function get(handler: Handler, path: string, params: Record<string, string>) {
  const request = new NextRequest(`${ORIGIN}${path}`, { headers: { host: "panel.test" } });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, data: await response.json() };
}

let clusterId: string;

beforeAll(async () => {
  const viewer = await db.user.create({ data: { username: `index-viewer-${Date.now()}`, passwordHash: "x", role: "viewer" } });
  session.user = { id: viewer.id, username: viewer.username, role: "viewer" };
  clusterId = (await db.cluster.create({ data: { name: `index-routes-${Date.now()}`, brokerClusterName: "C", rocketmqVersion: "5.5.0" } }))
    .id;
  const row = { brokerNames: ["b"], readQueueNums: 1, writeQueueNums: 1, perm: 6, order: false, lastUpdatedAt: null, consumerGroups: [] };
  await storeTopicRow(
    clusterId,
    "100%_off",
    { row: { name: "100%_off", type: "normal", messages: 3, ...row }, statsMissing: false },
    Date.now(),
  );
  await storeTopicRow(clusterId, "100x", { row: { name: "100x", type: "normal", messages: 1, ...row }, statsMissing: false }, Date.now());
  const group = { online: false, clients: 0, messageModel: null, consumeTps: 0, topics: [], brokerNames: ["b"] };
  await storeGroupRow(
    clusterId,
    "%RETRY%x",
    { row: { name: "%RETRY%x", lag: 4, ...group }, consumeMissing: false, connectionMissing: false },
    Date.now(),
  );
});

describe("the console's list routes", () => {
  it("answer a page with its total and the index's state, searching names literally", async () => {
    const topics = await get(topicsRoute.GET, `/api/clusters/${clusterId}/topics?q=${encodeURIComponent("%_")}`, { id: clusterId });
    expect(topics.status).toBe(200);
    expect(topics.data).toMatchObject({ total: 1, page: 1, pageSize: 50, items: [{ name: "100%_off", messages: 3 }] });
    expect(topics.data.index).toEqual({ refreshedAt: null, durationMs: null, brokerCalls: null, error: null, errorMessage: null });
    const groups = await get(groupsRoute.GET, `/api/clusters/${clusterId}/groups?filter=lagging`, { id: clusterId });
    expect(groups.data).toMatchObject({ total: 1, items: [{ name: "%RETRY%x", lag: 4, online: false }] });
    const lag = await get(lagRoute.GET, `/api/clusters/${clusterId}/groups/%25RETRY%25x/lag`, { id: clusterId, group: "%RETRY%x" });
    expect(lag).toEqual({ status: 200, data: [{ at: expect.any(Number), lag: 4 }] });
  });

  it("say 404 for an unknown cluster and 400 for a query the schema refuses", async () => {
    const params = { id: UNKNOWN_ID };
    expect((await get(topicsRoute.GET, `/api/clusters/${UNKNOWN_ID}/topics`, params)).status).toBe(404);
    expect((await get(groupsRoute.GET, `/api/clusters/${UNKNOWN_ID}/groups`, params)).status).toBe(404);
    expect((await get(lagRoute.GET, `/api/clusters/${UNKNOWN_ID}/groups/g/lag`, { ...params, group: "g" })).status).toBe(404);
    for (const query of ["pageSize=500", "page=0", "sort=perm", "type=weird", "order=up", `q=${"x".repeat(300)}`]) {
      const { status, data } = await get(topicsRoute.GET, `/api/clusters/${clusterId}/topics?${query}`, { id: clusterId });
      expect([query, status, data.code]).toEqual([query, 400, "invalid_input"]);
    }
    expect((await get(groupsRoute.GET, `/api/clusters/${clusterId}/groups?filter=stuck`, { id: clusterId })).status).toBe(400);
    expect((await get(lagRoute.GET, `/api/clusters/${clusterId}/groups/a b/lag`, { id: clusterId, group: "a b" })).status).toBe(400);
  });
});
