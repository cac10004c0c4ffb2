import Ajv2020 from "ajv/dist/2020.js";
import { expect, test } from "@playwright/test";
import type { OpenApiDocument } from "../lib/http/openapi";
import { ensureRocketmqDistribution } from "../lib/rocketmq/distribution/assemble";
import { killRocketmq } from "../lib/testing/lab/faults";
import { createLabCluster, ensureAdmin, json } from "./support/cluster-setup";
import { labHosts } from "./support/lab";

// The OpenAPI description served by the panel, and real answers of the routes that declare their shape checked
// against it with a JSON Schema 2020-12 validator (the description's dialect). Makes its own cluster and job.
test.describe.configure({ mode: "serial" });

// zod writes a pattern beside each uuid and date-time format, so the formats themselves need no plug-in.
const ajv = new Ajv2020({ allErrors: true, validateFormats: false });

// The deploy is cancelled before it starts anything, most likely; whatever it did start dies here.
test.afterAll(async () => {
  await killRocketmq([labHosts()[6]]);
});

function expectValid(schema: object, answer: unknown, what: string) {
  const validate = ajv.compile(schema);
  const valid = validate(answer);
  expect(valid, `${what}: ${ajv.errorsText(validate.errors)}`).toBe(true);
}

test("the description lists the API, and real answers match the shapes it declares", async ({ page }) => {
  test.setTimeout(120_000);
  await ensureRocketmqDistribution("4.9.7");
  await ensureAdmin(page);
  const request = page.request;
  const document = await json<OpenApiDocument>(await request.get("/api/openapi.json"));
  expect(document.openapi).toBe("3.1.0");
  expect(document.paths["/api/clusters"]?.get?.["x-required-role"]).toBe("viewer");

  // A real cluster with a revision, and a real job: a deploy cancelled at once (its steps and log lines exist).
  const clusterId = await createLabCluster(request, {
    name: "OpenApiE2E",
    brokerClusterName: "E2eOpenApiCluster",
    installDir: "/opt/rmq-e2e-openapi",
    rocketmqVersion: "4.9.7",
    nameServers: [labHosts()[6]],
    groups: [{ brokerName: "openapi-broker", datacenter: "suzhou", hosts: [labHosts()[6]] }],
  });
  const { jobId } = await json<{ jobId: string }>(await request.post("/api/jobs", { data: { kind: "deploy", clusterId } }));
  await json(await request.post(`/api/jobs/${jobId}/cancel`));
  await expect(async () => {
    const { state } = await json<{ state: string }>(await request.get(`/api/jobs/${jobId}`));
    expect(["cancelled", "failed"]).toContain(state);
  }).toPass({ timeout: 60_000 });

  const filled = (path: string) => path.replace("{id}", path.startsWith("/api/jobs") ? jobId : clusterId);
  const declared = Object.entries(document.paths).flatMap(([path, item]) => {
    const schema = item.get?.responses["200"]?.content?.["application/json"].schema;
    return schema ? [{ path, schema }] : [];
  });
  expect(declared.map((d) => d.path).sort()).toEqual(
    ["/api/clusters", "/api/clusters/{id}/topology", "/api/jobs", "/api/jobs/{id}", "/api/jobs/{id}/logs"].sort(),
  );
  for (const { path, schema } of declared) {
    const answer = await json<unknown>(await request.get(filled(path)));
    expectValid(schema, answer, `GET ${filled(path)}`);
  }
  const lines = await json<unknown[]>(await request.get(`/api/jobs/${jobId}/logs`));
  expect(lines.length).toBeGreaterThan(0);

  // Refusals answer the error shape the description names, whoever asks.
  const error = document.components.schemas.ApiError;
  const malformed = await request.get("/api/jobs/not-a-uuid");
  expect(malformed.status()).toBe(400);
  expectValid(error, await malformed.json(), "a malformed id");
  const anonymous = await request.get("/api/clusters", { headers: { authorization: "Bearer not-a-token" } });
  expect(anonymous.status()).toBe(401);
  expectValid(error, await anonymous.json(), "a bad token");
});

test("the API page shows the operations grouped by tag", async ({ page }) => {
  await ensureAdmin(page);
  await page.goto("/api-docs");
  await expect(page.getByRole("heading", { level: 1, name: "API" })).toBeVisible();
  const jobs = page.getByRole("region", { name: "jobs" });
  const logs = jobs.getByTestId("api-operation").filter({ hasText: "/api/jobs/{id}/logs" });
  await logs.locator("summary").click();
  await expect(logs.getByRole("cell", { name: "limit", exact: true })).toBeVisible();
  await expect(logs).toContainText("needs viewer");
  await expect(page.getByRole("link", { name: /openapi\.json/ })).toHaveAttribute("href", "/api/openapi.json");
});
