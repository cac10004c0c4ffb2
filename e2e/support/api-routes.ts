import fs from "node:fs";
import path from "node:path";

export const API_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export interface ApiRoute {
  method: (typeof API_METHODS)[number];
  /** "/api/hosts/[id]/trust-host-key" */
  pattern: string;
  /** Every method the route file exports (others answer 405). */
  methods: string[];
  /** The handler declares a body schema, so it reads a JSON body. */
  takesBody: boolean;
}

/** Every API route handler under app/api, read from the files themselves so a route added later is covered too. */
export function discoverApiRoutes(dir = "app/api", prefix = "/api"): ApiRoute[] {
  const routes: ApiRoute[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      routes.push(...discoverApiRoutes(full, /^\(.*\)$/.test(entry.name) ? prefix : `${prefix}/${entry.name}`));
    } else if (entry.name === "route.ts") {
      const source = fs.readFileSync(full, "utf8");
      const handlers = [...source.matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = route\(\{([^}]*)\}/g)];
      const methods = handlers.map((m) => m[1]);
      for (const [, method, options] of handlers) {
        routes.push({ method: method as ApiRoute["method"], pattern: prefix, methods, takesBody: /\bbody:/.test(options) });
      }
    }
  }
  return routes;
}

/** The names of a pattern's dynamic segments, in order: ["id", "number"]. */
export const segmentNames = (pattern: string) => [...pattern.matchAll(/\[([^\]]+)\]/g)].map((m) => m[1]);
