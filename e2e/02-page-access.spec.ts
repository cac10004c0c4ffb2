import fs from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { computeCacheBustingSearchParam } from "next/dist/shared/lib/router/utils/cache-busting-search-param.js";
import { ADMIN, signIn } from "./support/panel";

// Runs after 01-foundation.spec.ts (the admin, the lab-key credential). Client-side navigation asks the server for
// only the segments that change (an RSC request), so the (panel) layout's session check does not run for it: each
// page must refuse by itself. This walks every page that way, as an anonymous client and with a made-up cookie.

test.describe.configure({ mode: "serial" });

const SAMPLE_ID = "00000000-0000-4000-8000-000000000000";
const PUBLIC_PAGES = new Set(["/login", "/setup"]);
const MARK = `leakcheck${Date.now().toString(36)}`;

/** Every page pattern in app/, found from the files themselves so none can be forgotten. */
function discoverPages(dir = "app", prefix = ""): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isDirectory())
      return discoverPages(path.join(dir, entry.name), prefix + (/^\(.*\)$/.test(entry.name) ? "" : `/${entry.name}`));
    return entry.name === "page.tsx" ? [prefix || "/"] : [];
  });
}

const pages = discoverPages().filter((p) => !PUBLIC_PAGES.has(p));

let origin = "";
let hostId = "";
let datacenterId = "";
let routerStateTree = "";

test("an admin creates a recognisable datacenter and host, and a real navigation's RSC headers are recorded", async ({ page }) => {
  await signIn(page, ADMIN);
  origin = new URL(page.url()).origin;
  const credentials = (await (await page.request.get("/api/credentials")).json()) as { id: string }[];
  const dc = await page.request.post("/api/datacenters", { headers: { origin }, data: { name: `DC ${MARK}`, code: MARK } });
  expect(dc.status()).toBe(200);
  datacenterId = ((await dc.json()) as { id: string }).id;
  const host = await page.request.post("/api/hosts", {
    headers: { origin },
    data: {
      name: `host-${MARK}`,
      address: "10.250.0.1",
      sshPort: 22,
      sshUser: "root",
      datacenterId,
      credentialId: credentials[0]?.id ?? null,
    },
  });
  expect(host.status()).toBe(200);
  hostId = ((await host.json()) as { id: string }).id;

  // The headers the browser itself sends when a nav link is clicked.
  await page.goto("/datacenters");
  const navigation = page.waitForRequest(
    (r) => r.url().includes("_rsc=") && r.headers()["next-router-state-tree"] !== undefined && !r.headers()["next-router-prefetch"],
  );
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Hosts" }).click();
  routerStateTree = (await navigation).headers()["next-router-state-tree"];
  expect(decodeURIComponent(routerStateTree)).toContain("(panel)");
  await expect(page.getByRole("link", { name: `host-${MARK}`, exact: true })).toBeVisible();
});

const urlOf = (pattern: string) => pattern.replace("/hosts/[id]", `/hosts/${hostId}`).replace(/\[[^\]]+\]/g, SAMPLE_ID);

/**
 * What a client-side navigation from /datacenters to `url` asks for. `_rsc` must be the hash of the router headers,
 * as the browser computes it: a wrong one only earns a redirect to the right one.
 */
async function rscGet(request: APIRequestContext, url: string, cookie?: string) {
  const nextUrl = "/datacenters";
  const hash = await computeCacheBustingSearchParam(undefined, undefined, routerStateTree, nextUrl);
  return request.get(`${url}?_rsc=${hash}`, {
    headers: { rsc: "1", "next-router-state-tree": routerStateTree, "next-url": nextUrl, ...(cookie ? { cookie } : {}) },
    maxRedirects: 0,
  });
}

// What only a signed-in user may see: the host's name, the datacenter's, and the Overview's count line.
const LEAKS = [`host-${MARK}`, `DC ${MARK}`, "with a trusted host key"];

test("a signed-in admin's RSC navigation does get the data (so the check below means something)", async ({ page }) => {
  await signIn(page, ADMIN);
  const cookies = await page.context().cookies();
  const cookie = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  expect(await (await rscGet(page.request, "/", cookie)).text()).toContain("with a trusted host key");
  expect(await (await rscGet(page.request, "/hosts", cookie)).text()).toContain(`host-${MARK}`);
  expect(await (await rscGet(page.request, `/hosts/${hostId}`, cookie)).text()).toContain(`host-${MARK}`);
});

for (const [who, cookie] of [
  ["an anonymous client", undefined],
  ["a made-up session cookie", "rmq_session=made-up-0123456789abcdef"],
] as const) {
  test(`${who} gets no page data through RSC navigation, from any page`, async ({ playwright }) => {
    // A fresh context: no cookie but the one given.
    const request = await playwright.request.newContext({ baseURL: origin });
    expect(pages.length).toBeGreaterThanOrEqual(10);
    for (const pattern of pages) {
      const response = await rscGet(request, urlOf(pattern), cookie);
      const body = await response.text();
      const what = `${pattern} as ${who}`;
      for (const leak of LEAKS) expect(body, what).not.toContain(leak);
      // The recorded tree already holds /datacenters, so for it the server has no segment to render at all.
      if (pattern === "/datacenters") continue;
      if (response.status() === 200) {
        // A redirect thrown while rendering travels inside the RSC payload.
        expect(body, what).toMatch(/NEXT_REDIRECT;[a-z]+;\/login;/);
      } else {
        expect(response.status(), what).toBe(307);
        expect(response.headers().location, what).toMatch(/\/login$/);
      }
    }
    await request.dispose();
  });
}

test("malformed page addresses and router state headers are a clear 400, not a 500", async ({ request }) => {
  for (const url of ["/hosts/%ff", "/clusters/%E0%A4%A/wizard", "/api/hosts/%ff"]) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect(response.status(), url).toBe(400);
    expect(await response.text(), url).toContain("malformed %-escape");
  }
  for (const tree of [
    "%",
    "not-json",
    encodeURIComponent('["",{"children":[1]}]'),
    encodeURIComponent("[]"),
    encodeURIComponent('["",{"children":"x"}]'),
  ]) {
    const hash = await computeCacheBustingSearchParam(undefined, undefined, tree, undefined);
    const response = await request.get(`/?_rsc=${hash}`, {
      headers: { rsc: "1", "next-router-state-tree": tree, cookie: "rmq_session=made-up" },
      maxRedirects: 0,
    });
    expect(response.status(), tree.slice(0, 40)).toBe(400);
    expect(await response.text()).toContain("Next-Router-State-Tree");
  }
});

test("topology routes: a made-up cluster is a 404 and an event id beyond bigint a 400", async ({ page }) => {
  await signIn(page, ADMIN);
  const made = "7d1f3c2e-9b4a-4e6f-8a2d-0c5b7e9f1a3d";
  for (const suffix of ["", "/events", "/timeline", "/samples?node=RaftNode00/n0"]) {
    const response = await page.request.get(`/api/clusters/${made}/topology${suffix}`);
    expect(response.status(), suffix || "snapshot").toBe(404);
    expect(((await response.json()) as { code: string }).code).toBe("not_found");
  }
  // The resume point is checked before the cluster is looked up.
  for (const [url, headers] of [
    [`/api/clusters/${made}/topology/events?after=9999999999999999999`, {}],
    [`/api/clusters/${made}/topology/events?after=12abc`, {}],
    [`/api/clusters/${made}/topology/events`, { "last-event-id": "-1" }],
  ] as const) {
    const response = await page.request.get(url, { headers });
    expect(response.status(), url).toBe(400);
  }

  // A real cluster without a snapshot yet: null, and its live stream opens.
  const created = await page.request.post("/api/clusters", {
    headers: { origin },
    data: { name: `topology-${MARK}`, brokerClusterName: "LeakCluster", rocketmqVersion: "4.9.7" },
  });
  expect(created.status()).toBe(200);
  const clusterId = ((await created.json()) as { id: string }).id;
  const snapshot = await page.request.get(`/api/clusters/${clusterId}/topology`);
  expect(await snapshot.json()).toEqual({ snapshot: null });
  const firstChunk = await page.evaluate(async (url) => {
    const controller = new AbortController();
    const response = await fetch(url, { signal: controller.signal });
    const { value } = await response.body!.getReader().read();
    controller.abort();
    return `${response.status} ${new TextDecoder().decode(value)}`;
  }, `/api/clusters/${clusterId}/topology/events?after=0`);
  expect(firstChunk).toBe("200 retry: 1000\n\n");
  expect((await page.request.get(`/api/clusters/${clusterId}/topology/events?after=99999999999999999999`)).status()).toBe(400);
});

test.afterAll(async ({ browser }) => {
  // Later specs count hosts and datacenters: leave the inventory as 01 made it.
  if (!hostId && !datacenterId) return;
  const page = await browser.newPage();
  await signIn(page, ADMIN);
  if (hostId) expect((await page.request.delete(`/api/hosts/${hostId}`, { headers: { origin } })).status()).toBe(200);
  if (datacenterId) expect((await page.request.delete(`/api/datacenters/${datacenterId}`, { headers: { origin } })).status()).toBe(200);
  await page.close();
});
