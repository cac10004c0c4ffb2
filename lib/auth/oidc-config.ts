import "server-only";
import { z } from "zod";
import type { Role } from "./roles";

/** Single sign-on as the environment configures it (README, "Single sign-on (OpenID Connect)"). */
export interface SsoConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client, which proves itself with PKCE alone. */
  clientSecret?: string;
  scopes: string;
  /** What the sign-in button says: "Sign in with <name>". */
  name: string;
  groupsClaim: string;
  /** Which provider groups make a user which role; a user in none of them is refused. */
  groups: Record<Role, string[]>;
  /** Where the provider sends the browser back; by default the panel's own origin + /api/auth/oidc/callback. */
  redirectUri?: string;
}

const groupList = z
  .string()
  .default("")
  .transform((list) =>
    list
      .split(",")
      .map((group) => group.trim())
      .filter(Boolean),
  );

const envSchema = z.object({
  RMQ_PANEL_OIDC_ISSUER: z.url({ protocol: /^https?$/ }),
  RMQ_PANEL_OIDC_CLIENT_ID: z.string().min(1),
  RMQ_PANEL_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  RMQ_PANEL_OIDC_SCOPES: z.string().default("openid profile email"),
  RMQ_PANEL_OIDC_NAME: z.string().max(60).default("OpenID Connect"),
  RMQ_PANEL_OIDC_GROUPS_CLAIM: z.string().min(1).default("groups"),
  RMQ_PANEL_OIDC_ADMIN_GROUPS: groupList,
  RMQ_PANEL_OIDC_OPERATOR_GROUPS: groupList,
  RMQ_PANEL_OIDC_VIEWER_GROUPS: groupList,
  RMQ_PANEL_OIDC_REDIRECT_URI: z.url({ protocol: /^https?$/ }).optional(),
});

/**
 * Read at each use, not once at start, so a test can point the panel at the provider it started. Null when single
 * sign-on is not configured (no issuer); a half-written configuration is an operator's mistake and says which variable.
 */
export function ssoConfig(env: Record<string, string | undefined> = process.env): SsoConfig | null {
  // An empty variable counts as unset (shells and compose files write them that way).
  const set = Object.fromEntries(Object.entries(env).filter(([key, value]) => key.startsWith("RMQ_PANEL_OIDC_") && value));
  if (!set.RMQ_PANEL_OIDC_ISSUER) return null;
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`Single sign-on is misconfigured: ${issue?.path.join(".")}: ${issue?.message}`);
  }
  const vars = parsed.data;
  const scopes = vars.RMQ_PANEL_OIDC_SCOPES.split(/\s+/).filter(Boolean);
  return {
    issuer: vars.RMQ_PANEL_OIDC_ISSUER,
    clientId: vars.RMQ_PANEL_OIDC_CLIENT_ID,
    clientSecret: vars.RMQ_PANEL_OIDC_CLIENT_SECRET,
    // Without openid the provider answers plain OAuth: no ID token, nothing to verify.
    scopes: (scopes.includes("openid") ? scopes : ["openid", ...scopes]).join(" "),
    name: vars.RMQ_PANEL_OIDC_NAME,
    groupsClaim: vars.RMQ_PANEL_OIDC_GROUPS_CLAIM,
    groups: {
      admin: vars.RMQ_PANEL_OIDC_ADMIN_GROUPS,
      operator: vars.RMQ_PANEL_OIDC_OPERATOR_GROUPS,
      viewer: vars.RMQ_PANEL_OIDC_VIEWER_GROUPS,
    },
    redirectUri: vars.RMQ_PANEL_OIDC_REDIRECT_URI,
  };
}

/**
 * The sign-in button's provider name, or null when single sign-on is off. A misconfiguration is logged and counts as
 * off here, so the sign-in page and password sign-in keep working while an operator fixes the variables.
 */
export function ssoProviderName(): string | null {
  try {
    return ssoConfig()?.name ?? null;
  } catch (error) {
    console.error(`[sso] ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/** The highest role any of the user's groups grants, or null when none does. */
export function roleForGroups(config: Pick<SsoConfig, "groups">, groups: readonly string[]): Role | null {
  const member = (role: Role) => config.groups[role].some((group) => groups.includes(group));
  if (member("admin")) return "admin";
  if (member("operator")) return "operator";
  if (member("viewer")) return "viewer";
  return null;
}

/** A groups claim as providers send it: a list of names, one name, or absent. */
export function groupsFromClaim(value: unknown): string[] {
  if (typeof value === "string") return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === "string");
  return [];
}
