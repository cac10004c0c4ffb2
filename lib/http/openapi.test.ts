import fs from "node:fs";
import path from "node:path";
import SwaggerParser from "@apidevtools/swagger-parser";
import { describe, expect, it } from "vitest";
import { apiDescription } from "@/app/api/openapi.json/api-description";
import { HTTP_METHODS } from "./openapi";
import { findRouteFiles, OPENAPI_ROUTE_FILE, ROUTE_INDEX_FILE, renderRouteIndex } from "./openapi-routes";

const ROOT = path.resolve(__dirname, "../..");

interface Declared {
  routeSpec: { role: string; body?: unknown; params?: unknown; query?: unknown; response?: unknown };
}

/** Every handler a route file on disk exports, with what it declared to route(). */
async function handlersOnDisk() {
  const files = [...findRouteFiles(ROOT), { file: OPENAPI_ROUTE_FILE, path: "/api/openapi.json" }];
  const handlers: { method: (typeof HTTP_METHODS)[number]; path: string; spec: Declared["routeSpec"] }[] = [];
  for (const { file, path: apiPath } of files) {
    const module: Record<string, Declared | undefined> = await import(path.join(ROOT, file));
    for (const method of HTTP_METHODS) {
      const handler = module[method];
      if (handler) handlers.push({ method, path: apiPath, spec: handler.routeSpec });
    }
  }
  return handlers;
}

describe("the OpenAPI description", () => {
  it("is built from an up-to-date index of the route files (npm run openapi:routes rewrites it)", () => {
    expect(fs.readFileSync(path.join(ROOT, ROUTE_INDEX_FILE), "utf8")).toBe(renderRouteIndex(findRouteFiles(ROOT)));
  });

  it("describes every route handler on disk, with its role, body and parameters", async () => {
    const document = apiDescription();
    const handlers = await handlersOnDisk();
    expect(handlers.length).toBeGreaterThan(50);
    for (const { method, path: apiPath, spec } of handlers) {
      const operation = document.paths[apiPath]?.[method.toLowerCase() as Lowercase<typeof method>];
      expect(operation, `${method} ${apiPath}`).toBeDefined();
      expect(operation?.["x-required-role"]).toBe(spec.role);
      expect(operation?.description).toContain(spec.role === "public" ? "Public" : `the ${spec.role} role`);
      expect(operation?.requestBody !== undefined, `${method} ${apiPath} body`).toBe(spec.body !== undefined);
      expect(operation?.security).toEqual(spec.role === "public" ? [] : [{ session: [] }, { bearerToken: [] }]);
      for (const name of apiPath.match(/\{[^}]+\}/g) ?? [])
        expect(operation?.parameters.some((p) => p.in === "path" && `{${p.name}}` === name)).toBe(true);
    }
    const described = Object.values(document.paths).flatMap((item) => Object.keys(item));
    expect(described).toHaveLength(handlers.length);
  });

  it("turns the zod schemas into parameters and bodies: a job's log query, a deploy's body, a host's id", () => {
    const { paths } = apiDescription();
    const logs = paths["/api/jobs/{id}/logs"]?.get;
    expect(logs?.parameters.map((p) => [p.in, p.name, p.required])).toEqual([
      ["path", "id", true],
      ["query", "after", false],
      ["query", "limit", false],
    ]);
    expect(logs?.parameters[0].schema).toMatchObject({ type: "string", format: "uuid" });
    const deploy = paths["/api/jobs"]?.post?.requestBody?.content["application/json"].schema;
    expect(deploy).toMatchObject({ type: "object", required: expect.arrayContaining(["clusterId", "kind"]) });
    expect(paths["/api/auth/login"]?.post?.["x-required-role"]).toBe("public");
    expect(paths["/api/hosts/{id}"]?.delete?.["x-required-role"]).toBe("admin");
  });

  it("is valid OpenAPI 3.1 (swagger-parser checks it against the specification's schema and resolves every $ref)", async () => {
    // A copy as a client reads it: the validator dereferences in place.
    const document = JSON.parse(JSON.stringify(apiDescription()));
    await expect(SwaggerParser.validate(document)).resolves.toMatchObject({ openapi: "3.1.0" });
  });
});
