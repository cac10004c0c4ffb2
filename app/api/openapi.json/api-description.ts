import { buildOpenApi, type OpenApiDocument } from "@/lib/http/openapi";
import { routeModules } from "./route-modules";

let built: OpenApiDocument | undefined;

/** Built once per process: the routes and their schemas are fixed at build time. */
export const apiDescription = (): OpenApiDocument => (built ??= buildOpenApi(routeModules));
