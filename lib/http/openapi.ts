import "server-only";
import { z } from "zod";
import type { Role } from "../auth/roles";
import { SESSION_COOKIE } from "../auth/session";
import { errorAnswerSchema } from "./openapi-responses";

/**
 * The API's OpenAPI 3.1 description, built from what every handler declared to route() (its `routeSpec`: role
 * and the zod schemas its body, path, query and answer are validated with) by zod's own JSON Schema output, so the
 * description cannot drift from what the routes accept. The handlers come in as modules (lib/ cannot import app/):
 * app/api/openapi.json/route-modules.ts lists them, written by lib/http/openapi-routes.ts.
 */

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type Method = (typeof HTTP_METHODS)[number];

type JsonSchema = z.core.JSONSchema.BaseSchema;

interface RouteSpec {
  role: Role | "public";
  body?: z.ZodType;
  params?: z.ZodType;
  query?: z.ZodType;
  response?: z.ZodType;
}

export interface RouteModule {
  /** "/api/clusters/{id}/topology" */
  path: string;
  module: Record<string, unknown>;
}

export interface Parameter {
  name: string;
  in: "path" | "query";
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  /** The least role a session or token needs: viewer < operator < admin; "public" needs none. */
  "x-required-role": Role | "public";
  security: Record<string, string[]>[];
  parameters: Parameter[];
  requestBody?: { required: true; content: { "application/json": { schema: JsonSchema } } };
  responses: Record<string, { description: string; content?: { "application/json": { schema: JsonSchema } } }>;
}

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<Lowercase<Method>, Operation>>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, Record<string, string>> };
  security: Record<string, string[]>[];
  tags: { name: string }[];
}

/** The description's own route, declared here so the builder can list it (the route index cannot import it). */
export const OPENAPI_ROUTE = { path: "/api/openapi.json", spec: { role: "viewer" } } as const satisfies { path: string; spec: RouteSpec };

const ERROR_REF = { $ref: "#/components/schemas/ApiError" };
const SIGNED_IN: Record<string, string[]>[] = [{ session: [] }, { bearerToken: [] }];

export function buildOpenApi(routes: RouteModule[]): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { ApiError: toSchema(errorAnswerSchema, "output", "ApiError", {}) };
  const paths: OpenApiDocument["paths"] = {};
  const all = [...routes, { path: OPENAPI_ROUTE.path, module: { GET: { routeSpec: OPENAPI_ROUTE.spec } } }];
  for (const { path, module } of all) {
    for (const method of HTTP_METHODS) {
      const handler = module[method];
      if (handler === undefined) continue;
      paths[path] = { ...paths[path], [method.toLowerCase()]: describeOperation(method, path, specOf(handler, method, path), schemas) };
    }
  }
  const tags = [...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)))].sort();
  return {
    openapi: "3.1.0",
    info: {
      title: "RMQ Panel API",
      version: "1",
      description:
        "The panel's HTTP API. Sign in with the session cookie (the panel's own pages; writes must be same-origin) or send a " +
        "personal API token as `Authorization: Bearer <token>`. Each operation names the least role it needs. Errors answer " +
        "`{ error, code, fieldErrors }`.",
    },
    paths,
    components: {
      schemas,
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: SESSION_COOKIE, description: "The panel's sign-in session." },
        bearerToken: { type: "http", scheme: "bearer", description: "A personal API token, created on the Access page." },
      },
    },
    security: SIGNED_IN,
    tags: tags.map((name) => ({ name })),
  };
}

function specOf(handler: unknown, method: Method, path: string): RouteSpec {
  const spec = typeof handler === "function" || typeof handler === "object" ? (handler as { routeSpec?: RouteSpec }).routeSpec : undefined;
  if (!spec) throw new Error(`${method} ${path} does not go through route(): it carries no routeSpec`);
  return spec;
}

function describeOperation(method: Method, path: string, spec: RouteSpec, schemas: Record<string, JsonSchema>): Operation {
  const id = operationId(method, path);
  const open = spec.role === "public";
  const responses: Operation["responses"] = {
    "200": spec.response
      ? { description: "OK", content: { "application/json": { schema: toSchema(spec.response, "output", `${id}Response`, schemas) } } }
      : { description: "OK" },
    "4XX": { description: "Refused: bad input, not signed in, missing role, not found, conflict.", content: json(ERROR_REF) },
    "5XX": { description: "The database is away (503) or an internal error.", content: json(ERROR_REF) },
  };
  return {
    operationId: id,
    summary: `${method} ${path}`,
    description: open ? "Public: needs no session." : `Needs the ${spec.role} role or higher (viewer < operator < admin).`,
    tags: [tagOf(path)],
    "x-required-role": spec.role,
    security: open ? [] : SIGNED_IN,
    parameters: [...pathParameters(path, spec.params, id, schemas), ...queryParameters(spec.query, id, schemas)],
    ...(spec.body && {
      requestBody: { required: true, content: { "application/json": { schema: toSchema(spec.body, "input", `${id}Body`, schemas) } } },
    }),
    responses,
  };
}

const json = (schema: JsonSchema) => ({ "application/json": { schema } });

/** "/api/clusters/{id}/topology" → "clusters"; a path's first segment after /api groups it. */
const tagOf = (path: string) => (path.split("/")[2] ?? "api").replace(/\.json$/, "");

/** "GET /api/clusters/{id}/topology" → "getClustersIdTopology". */
function operationId(method: Method, path: string): string {
  const words = path.split(/[^A-Za-z0-9]+/).filter((word) => word !== "" && word !== "api");
  return method.toLowerCase() + words.map((word) => word[0].toUpperCase() + word.slice(1)).join("");
}

function pathParameters(path: string, schema: z.ZodType | undefined, id: string, schemas: Record<string, JsonSchema>): Parameter[] {
  const declared = schema ? propertiesOf(toSchema(schema, "input", `${id}Path`, schemas)) : new Map<string, JsonSchema>();
  return [...path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: declared.get(name) ?? { type: "string" },
  }));
}

function queryParameters(schema: z.ZodType | undefined, id: string, schemas: Record<string, JsonSchema>): Parameter[] {
  if (!schema) return [];
  const object = toSchema(schema, "input", `${id}Query`, schemas);
  const required = new Set(object.required ?? []);
  return [...propertiesOf(object)].map(([name, property]) => ({ name, in: "query", required: required.has(name), schema: property }));
}

function propertiesOf(object: JsonSchema): Map<string, JsonSchema> {
  return new Map(Object.entries(object.properties ?? {}).filter((entry): entry is [string, JsonSchema] => typeof entry[1] === "object"));
}

/**
 * zod's JSON Schema (2020-12, OpenAPI 3.1's dialect) of a request ("input": before transforms and defaults) or an
 * answer ("output"). What JSON Schema cannot say (a refine's code) is left open rather than refused. A schema's
 * own definitions (recursive parts) move to components.schemas, since "#/$defs/…" would point at the document.
 */
function toSchema(schema: z.ZodType, io: "input" | "output", name: string, schemas: Record<string, JsonSchema>): JsonSchema {
  const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any", target: "draft-2020-12" });
  if (!$defs) return rest;
  const moved = (key: string) => `#/components/schemas/${name}_${key}`;
  const relink = (value: unknown): unknown =>
    Array.isArray(value)
      ? value.map(relink)
      : value && typeof value === "object"
        ? Object.fromEntries(
            Object.entries(value).map(([key, inner]) => [
              key,
              key === "$ref" && typeof inner === "string" && inner.startsWith("#/$defs/") ? moved(inner.slice(8)) : relink(inner),
            ]),
          )
        : value;
  for (const [key, definition] of Object.entries($defs)) schemas[`${name}_${key}`] = relink(definition) as JsonSchema;
  return relink(rest) as JsonSchema;
}
