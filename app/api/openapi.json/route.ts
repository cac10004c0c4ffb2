import { route } from "@/lib/http/route";
import { apiDescription } from "./api-description";

/**
 * The API's OpenAPI 3.1 description, generated from the schemas every route validates with. Its role is also in
 * lib/http/openapi.ts (OPENAPI_ROUTE), since the route index cannot import this file; openapi.test.ts compares them.
 */
export const GET = route({ role: "viewer" }, async () => apiDescription());
