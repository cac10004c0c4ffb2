import fs from "node:fs";
import { findRouteFiles, renderRouteIndex, ROUTE_INDEX_FILE } from "../lib/http/openapi-routes";

// Rewrites the index of API route modules the OpenAPI description is built from (see lib/http/openapi-routes.ts).
fs.writeFileSync(ROUTE_INDEX_FILE, renderRouteIndex(findRouteFiles(".")));
console.log(`${ROUTE_INDEX_FILE}: ${findRouteFiles(".").length} route files`);
