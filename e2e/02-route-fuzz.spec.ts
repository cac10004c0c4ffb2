import { createHash } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import fc from "fast-check";
import { discoverApiRoutes, segmentNames } from "./support/api-routes";
import { fuzzRequest, type FuzzRequest } from "./support/fuzz-inputs";
import { ADMIN } from "./support/panel";

// Runs after 01-foundation.spec.ts (which creates the admin) and 02-route-access.spec.ts. Every API route, found
// from app/ so later routes are covered, gets generated bad input as an admin and as nobody: no answer may be a
// 5xx, no write may succeed, the panel must still answer afterwards, and nothing the API lists may have changed.
// Reproduce a run with FUZZ_SEED=<the seed it printed>; FUZZ_REQUESTS sets how many requests (at least 3,000; by
// default 60 per route handler, each kind of bad input several times over; a deeper run is one variable away).

const REQUESTS_PER_ROUTE = 60;
// The panel's one process is the bottleneck (about 200 answers a second on two cores): 16 in flight are no faster.
const IN_FLIGHT = 8;
const CHUNK = 64;
// 10,000 took about 50 s on a quiet two-core machine; the bound is for a loaded one (60 a second at load 20).
const TIME_LIMIT_MS = 150_000;
const UNKNOWN_ID = "6f1c2a9e-3b0d-4c8e-9f4a-2d7e5b1c0a93";
/** What the API lists; a rejected request must leave every one of them as it was. */
const LISTS = ["/api/users", "/api/hosts", "/api/datacenters", "/api/credentials", "/api/clusters", "/api/jobs", "/api/audit"];

const routes = discoverApiRoutes();

interface Outcome {
  request: FuzzRequest;
  status: number | "timeout" | "error";
  text: string;
}

/** Who sends: the headers every request of theirs carries (the panel's own Origin, and the admin's session cookie). */
type Senders = Record<FuzzRequest["who"], Record<string, string>>;

// Node's own fetch, not Playwright's APIRequestContext: every Playwright request crosses its driver process, and
// on two cores that halves how many requests fit in the time.
async function send(baseURL: string, senders: Senders, request: FuzzRequest): Promise<Outcome> {
  try {
    const response = await fetch(new URL(request.url, baseURL), {
      method: request.method,
      headers: { ...senders[request.who], ...request.headers },
      body: request.body,
      redirect: "manual",
      signal: AbortSignal.timeout(10_000),
    });
    const text = await response.text();
    const status = response.status;
    return { request, status, text: status >= 500 || (status < 300 && request.method !== "GET") ? text.slice(0, 300) : "" };
  } catch (error) {
    return {
      request,
      status: error instanceof Error && error.name === "TimeoutError" ? "timeout" : "error",
      text: String(error).slice(0, 300),
    };
  }
}

/**
 * Sends `count` requests drawn from `arbitrary`, at most IN_FLIGHT open at once, until done or the time limit.
 * Lanes take the next request as soon as their answer is in: the server never waits for a slow request of a batch
 * or for the next batch to be generated (that happens here, while the other lanes' requests are in flight). The
 * requests come CHUNK at a time, each chunk from its own seed derived from `seed`, so a seed replays the same run.
 */
async function sendAll(
  baseURL: string,
  senders: Senders,
  arbitrary: fc.Arbitrary<FuzzRequest>,
  seed: number,
  count: number,
): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  const deadline = Date.now() + TIME_LIMIT_MS;
  let pending: FuzzRequest[] = [];
  let chunk = 0;
  let taken = 0;
  const take = (): FuzzRequest | null => {
    if (taken >= count || Date.now() > deadline) return null;
    if (pending.length === 0) pending = fc.sample(arbitrary, { seed: (seed + chunk++) | 0, numRuns: CHUNK }).reverse();
    taken++;
    return pending.pop()!;
  };
  const lane = async () => {
    for (let request = take(); request; request = take()) outcomes.push(await send(baseURL, senders, request));
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, lane));
  return outcomes;
}

/** A digest per list (and per cluster's revisions and draft), to compare before and after. */
async function digestOfData(admin: APIRequestContext): Promise<Record<string, string>> {
  const digest: Record<string, string> = {};
  const read = async (url: string) => {
    const response = await admin.get(url);
    expect(response.status(), url).toBe(200);
    const text = await response.text();
    digest[url] = createHash("sha256").update(text).digest("hex");
    return JSON.parse(text);
  };
  for (const url of LISTS) await read(url);
  for (const cluster of (await read("/api/clusters")) as { id: string }[]) {
    await read(`/api/clusters/${cluster.id}/revisions`);
    await read(`/api/clusters/${cluster.id}/draft`);
  }
  return digest;
}

/** The fields each body-taking route names as missing for `{}`: leaving one of them out makes any body invalid. */
async function requiredFields(admin: APIRequestContext): Promise<Map<string, string[]>> {
  const required = new Map<string, string[]>();
  for (const route of routes.filter((r) => r.takesBody)) {
    const url = route.pattern.replace(/\[([^\]]+)\]/g, (_, name) => (name === "number" ? "1" : UNKNOWN_ID));
    const response = await admin.fetch(url, { method: route.method, data: {} });
    expect(response.status(), `${route.method} ${route.pattern} with {}`).toBeGreaterThanOrEqual(400);
    const body = (await response.json()) as { fieldErrors?: Record<string, string[]> };
    required.set(`${route.method} ${route.pattern}`, Object.keys(body.fieldErrors ?? {}));
  }
  return required;
}

test("the outside sweep's 500s are each a clear 4xx from the real server", async ({ playwright, baseURL, request }) => {
  const nul = await request.post("/api/auth/login", { data: { username: "\u0000", password: "x" } });
  expect(nul.status()).toBe(400);
  expect((await nul.json()).error).toMatch(/^username: may not contain NUL/);
  for (const origin of ["null", "", "http://[::1", "https://evil.example", new URL(baseURL!).origin.replace("http:", "https:")]) {
    const response = await request.post("/api/auth/login", { headers: { origin }, data: ADMIN });
    expect(response.status(), `Origin "${origin}"`).toBe(403);
  }
  expect((await request.post("/api/auth/login", { headers: { "content-type": "text/plain" }, data: JSON.stringify(ADMIN) })).status()).toBe(
    415,
  );
  const huge = await request.post("/api/auth/login", { data: { username: "u".repeat(2 * 1024 * 1024), password: "x" } });
  expect(huge.status()).toBe(413);

  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: new URL(baseURL!).origin } });
  expect((await admin.post("/api/auth/login", { data: ADMIN })).status()).toBe(200);
  for (const origin of ["null", ""])
    expect((await admin.post("/api/auth/logout", { headers: { origin } })).status(), `Origin "${origin}"`).toBe(403);
  expect((await admin.get("/api/auth/me")).status()).toBe(200);
  for (const id of ["%ff", "%E0%A4%A", "%00", "not-an-id"]) {
    const response = await admin.get(`/api/hosts/${id}`);
    expect(response.status(), id).toBe(400);
  }
  expect((await admin.get(`/api/clusters/${UNKNOWN_ID}/revisions/${2 ** 40}`)).status()).toBe(400);
  expect((await admin.get(`/api/clusters/${UNKNOWN_ID}/compare?to=${2 ** 40}`)).status()).toBe(400);
  expect((await admin.post("/api/jobs/preview", { data: { clusterId: UNKNOWN_ID, revision: 2 ** 40 } })).status()).toBe(400);
  await admin.dispose();
});

test("every API route refuses generated bad input with a 4xx, changes nothing and stays up", async ({ playwright, baseURL, request }) => {
  test.setTimeout(240_000);
  expect(routes.length).toBeGreaterThanOrEqual(40);
  expect(routes.filter((r) => segmentNames(r.pattern).length > 0).length).toBeGreaterThanOrEqual(20);
  const origin = new URL(baseURL!).origin;
  const admin = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin } });
  expect((await admin.post("/api/auth/login", { data: ADMIN })).status()).toBe(200);

  const session = (await admin.storageState()).cookies.find((cookie) => cookie.name === "rmq_session");
  expect(session).toBeDefined();
  const senders: Senders = { admin: { origin, cookie: `rmq_session=${session!.value}` }, anonymous: { origin } };
  const required = await requiredFields(admin);
  const before = await digestOfData(admin);
  const seed = Number(process.env.FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`fuzz: seed ${seed} (FUZZ_SEED=${seed} reproduces this run), ${routes.length} route handlers`);

  const requests = Math.max(3_000, Number(process.env.FUZZ_REQUESTS ?? routes.length * REQUESTS_PER_ROUTE));
  const started = Date.now();
  const outcomes = await sendAll(baseURL!, senders, fuzzRequest(routes, required, origin), seed, requests);
  const seconds = (Date.now() - started) / 1000;

  const histogram: Record<string, number> = {};
  for (const { status } of outcomes) histogram[String(status)] = (histogram[String(status)] ?? 0) + 1;
  const serverErrors = outcomes.filter((o) => typeof o.status !== "number" || o.status >= 500);
  // A 3xx is Next normalising the path (/api/hosts/%2e%2e → /api/): the handler never ran.
  const acceptedWrites = outcomes.filter((o) => o.request.method !== "GET" && typeof o.status === "number" && o.status < 300);
  // Some requests are answered before any handler runs: Next refuses a % escape it cannot decode (400) and
  // resolves %2e%2e (another route), answers 405 for a method the route does not export, and proxy.ts 401 for a
  // non-public route without a session. Every other write from a foreign origin must be a 403.
  const reachesHandler = (o: Outcome) =>
    !o.request.url.split("?")[0].includes("%") && o.status !== 405 && !(o.request.who === "anonymous" && o.status === 401);
  const wrongOriginNot403 = outcomes.filter((o) => o.request.kind === "foreign origin" && reachesHandler(o) && o.status !== 403);
  console.log(
    `fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s (${IN_FLIGHT} in flight); statuses ${JSON.stringify(histogram)}; 5xx or no answer: ${serverErrors.length}`,
  );
  const show = (list: Outcome[]) =>
    list.slice(0, 10).map(({ request, status, text }) => ({
      status,
      kind: request.kind,
      who: request.who,
      method: request.method,
      url: request.url.slice(0, 200),
      body: String(request.body ?? "").slice(0, 200),
      text,
    }));

  expect(show(serverErrors), "5xx answers, timeouts or dropped connections").toEqual([]);
  expect(show(acceptedWrites), "writes the panel accepted").toEqual([]);
  expect(show(wrongOriginNot403), "writes from a foreign origin not refused with 403").toEqual([]);
  expect(outcomes.length).toBe(requests);

  // Still up, and nothing changed.
  expect((await admin.get("/api/auth/me")).status()).toBe(200);
  expect((await request.get("/login")).status()).toBe(200);
  expect(await digestOfData(admin)).toEqual(before);
  await admin.dispose();
});
