import { NextResponse } from "next/server";
import { createApiToken, listApiTokens } from "@/lib/auth/api-tokens";
import { apiTokenCreateSchema } from "@/lib/auth/schema-access";
import { route } from "@/lib/http/route";

/** The caller's own API tokens, newest first (no secrets). */
export const GET = route({ role: "viewer" }, async ({ user }) => listApiTokens(user.id));

/** A new token: `{ token, secret }`; the secret is in this answer only. */
export const POST = route({ role: "viewer", body: apiTokenCreateSchema }, async ({ user, body }) =>
  NextResponse.json(await createApiToken(user, body), { status: 201 }),
);
