import { OPENAPI_ROUTE } from "@/lib/http/openapi";
import { route } from "@/lib/http/route";
import { apiDescription } from "./api-description";

/** The API's OpenAPI 3.1 description, generated from the schemas every route validates with. */
export const GET = route(OPENAPI_ROUTE.spec, async () => apiDescription());
