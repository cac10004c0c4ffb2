import { createHash, createSign, generateKeyPairSync, type JsonWebKey, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";

/**
 * A real OpenID Provider (the `oidc-provider` package) on loopback, for the single sign-on tests: a client for the
 * panel and one for another application, static users with groups, and a minimal login page of its own.
 *
 * It sits behind a loopback HTTP proxy that is its public address (the issuer): the proxy forwards everything, and
 * can rewrite the id_token in the token endpoint's answer (`tamperIdToken`), which is how a test produces a token
 * that is expired, signed with another key, or issued to another client, as if the provider had sent it.
 */

export interface TestUser {
  sub: string;
  username: string;
  password: string;
  email?: string;
  /** Changed by a test between two sign-ins: the provider reads them at each one. */
  groups: string[];
}

export interface TestClient {
  id: string;
  secret: string;
  redirectUri: string;
}

export interface TestProvider {
  issuer: string;
  panel: TestClient;
  other: TestClient;
  users: TestUser[];
  /** Rewrites the id_token of every token endpoint answer while set. */
  tamperIdToken: ((idToken: string) => string) | null;
  /** Signs claims with the provider's own key (a token it could have issued). */
  signAsProvider: (claims: Record<string, unknown>) => string;
  /** Signs claims with a key the provider never published, under the provider's key id. */
  signAsImpostor: (claims: Record<string, unknown>) => string;
  /** The panel's RMQ_PANEL_OIDC_* variables for this provider. */
  env: Record<string, string>;
  close: () => Promise<void>;
}

export const TEST_GROUPS = { admin: "rmq-admins", operator: "rmq-operators", viewer: "rmq-viewers" } as const;

interface Options {
  /** Where the provider may send the browser back for the panel: its callback, and its sign-in page after logout. */
  panelRedirectUri: string;
  panelPostLogoutUri?: string;
  users: TestUser[];
}

export async function startTestProvider({ panelRedirectUri, panelPostLogoutUri, users }: Options): Promise<TestProvider> {
  const proxy = http.createServer();
  await listen(proxy);
  const issuer = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  const kid = "test-key-1";
  const providerKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const impostorKey = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
  const panel: TestClient = { id: "rmq-panel", secret: secret(), redirectUri: panelRedirectUri };
  const other: TestClient = { id: "other-app", secret: secret(), redirectUri: "http://127.0.0.1:9/other-app/callback" };

  const provider = new Provider(issuer, {
    clients: [panel, other].map((client) => ({
      client_id: client.id,
      client_secret: client.secret,
      redirect_uris: [client.redirectUri],
      post_logout_redirect_uris: client === panel && panelPostLogoutUri ? [panelPostLogoutUri] : [],
      token_endpoint_auth_method: "client_secret_basic",
    })),
    jwks: { keys: [{ ...(providerKey.export({ format: "jwk" }) as JsonWebKey), kid, alg: "RS256", use: "sig" }] as never },
    cookies: { keys: [secret()] },
    claims: { openid: ["sub"], profile: ["preferred_username", "name"], email: ["email"], groups: ["groups"] },
    findAccount: (_ctx, sub) => {
      const user = users.find((candidate) => candidate.sub === sub);
      return user
        ? {
            accountId: sub,
            claims: () => ({ sub, preferred_username: user.username, name: user.username, email: user.email, groups: user.groups }),
          }
        : undefined;
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: { enabled: true, logoutSource: logoutPage },
    },
  });

  // The provider's own server, on a port nobody but the proxy uses.
  const server = http.createServer((request, response) => {
    const uid = /^\/interaction\/([^/?]+)/.exec(request.url ?? "")?.[1];
    if (!uid) return provider.callback()(request, response);
    interaction(provider, users, request, response).catch((error) => {
      response.statusCode = 500;
      response.end(String(error));
    });
  });
  await listen(server);
  const upstream = (server.address() as AddressInfo).port;

  const started: TestProvider = {
    issuer,
    panel,
    other,
    users,
    tamperIdToken: null,
    signAsProvider: (claims) => signJwt(claims, kid, providerKey),
    signAsImpostor: (claims) => signJwt(claims, kid, impostorKey),
    env: {
      RMQ_PANEL_OIDC_ISSUER: issuer,
      RMQ_PANEL_OIDC_CLIENT_ID: panel.id,
      RMQ_PANEL_OIDC_CLIENT_SECRET: panel.secret,
      RMQ_PANEL_OIDC_SCOPES: "openid profile email groups",
      RMQ_PANEL_OIDC_NAME: "Test IdP",
      RMQ_PANEL_OIDC_ADMIN_GROUPS: TEST_GROUPS.admin,
      RMQ_PANEL_OIDC_OPERATOR_GROUPS: TEST_GROUPS.operator,
      RMQ_PANEL_OIDC_VIEWER_GROUPS: `${TEST_GROUPS.viewer},everyone-readonly`,
    },
    close: async () => {
      proxy.closeAllConnections();
      server.closeAllConnections();
      await Promise.all([new Promise((resolve) => proxy.close(resolve)), new Promise((resolve) => server.close(resolve))]);
    },
  };
  proxy.on("request", (request, response) => {
    forward(request, response, upstream, request.url === "/token" ? started.tamperIdToken : null).catch((error) => {
      response.statusCode = 502;
      response.end(String(error));
    });
  });
  return started;
}

/** The minimal login page: username and password of a static user, then login and consent for what was asked. */
async function interaction(provider: Provider, users: TestUser[], request: http.IncomingMessage, response: http.ServerResponse) {
  const details = await provider.interactionDetails(request, response);
  if (request.method !== "POST") return loginPage(response, details.uid, null);
  const form = new URLSearchParams((await readBody(request)).toString("utf8"));
  const user = users.find((candidate) => candidate.username === form.get("username") && candidate.password === form.get("password"));
  if (!user) return loginPage(response, details.uid, "Wrong username or password.");
  const grant = new provider.Grant({ accountId: user.sub, clientId: String(details.params.client_id) });
  grant.addOIDCScope(String(details.params.scope));
  const grantId = await grant.save();
  await provider.interactionFinished(
    request,
    response,
    { login: { accountId: user.sub }, consent: { grantId } },
    { mergeWithLastSubmission: false },
  );
}

function loginPage(response: http.ServerResponse, uid: string, problem: string | null) {
  response.writeHead(problem ? 401 : 200, { "content-type": "text/html; charset=utf-8" });
  response.end(`<!doctype html><html><head><title>Test IdP: sign in</title></head><body>
    <h1>Test IdP</h1>${problem ? `<p role="alert">${problem}</p>` : ""}
    <form method="post" action="/interaction/${uid}">
      <label>Username <input name="username" autocomplete="username"></label>
      <label>Password <input name="password" type="password" autocomplete="current-password"></label>
      <button type="submit">Continue</button>
    </form></body></html>`);
}

async function logoutPage(ctx: KoaContextWithOIDC, form: string) {
  ctx.body = `<!doctype html><html><head><title>Test IdP: sign out</title></head><body>${form}
    <button type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button></body></html>`;
}

/** Forwards one request to the provider, Host kept (it builds its URLs from the issuer); `tamper` edits the token answer. */
async function forward(
  request: http.IncomingMessage,
  response: http.ServerResponse,
  port: number,
  tamper: ((idToken: string) => string) | null,
) {
  const body = await readBody(request);
  const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
    const outgoing = http.request(
      { host: "127.0.0.1", port, method: request.method, path: request.url, headers: request.headers },
      resolve,
    );
    outgoing.on("error", reject);
    outgoing.end(body);
  });
  let payload = await readBody(answer);
  const headers = { ...answer.headers };
  if (tamper && answer.statusCode === 200) {
    const tokens = JSON.parse(payload.toString("utf8"));
    tokens.id_token = tamper(tokens.id_token);
    payload = Buffer.from(JSON.stringify(tokens));
    headers["content-length"] = String(payload.length);
    delete headers.etag;
  }
  response.writeHead(answer.statusCode ?? 502, headers);
  response.end(payload);
}

/** The claims of a JWT, unverified (the test reads what the provider put in). */
export const jwtClaims = (jwt: string): Record<string, unknown> => JSON.parse(Buffer.from(jwt.split(".")[1], "base64url").toString("utf8"));

function signJwt(claims: Record<string, unknown>, kid: string, key: ReturnType<typeof generateKeyPairSync>["privateKey"]): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const input = `${part({ alg: "RS256", typ: "JWT", kid })}.${part(claims)}`;
  return `${input}.${createSign("RSA-SHA256").update(input).sign(key).toString("base64url")}`;
}

/**
 * What a browser does at the provider, with fetch and a cookie jar: follows the authorization URL to the login page,
 * signs in, and returns the URL the provider sends it back to (the client's redirect URI with code and state).
 */
export async function signInAtProvider(authorizationUrl: string, user: { username: string; password: string }): Promise<URL> {
  const jar = new Map<string, string>();
  const cookie = () => [...jar].map(([name, value]) => `${name}=${value}`).join("; ");
  let url = new URL(authorizationUrl);
  const origin = url.origin;
  let form: string | null = null;
  for (let hop = 0; hop < 10; hop++) {
    const response = await fetch(url, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: { cookie: cookie(), ...(form ? { "content-type": "application/x-www-form-urlencoded" } : {}) },
      body: form ?? undefined,
    });
    form = null;
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair.indexOf("=");
      jar.set(pair.slice(0, eq), pair.slice(eq + 1));
    }
    const location = response.headers.get("location");
    if (location) {
      url = new URL(location, url);
      if (url.origin !== origin) return url;
      continue;
    }
    const page = await response.text();
    if (!/action="\/interaction\//.test(page)) throw new Error(`The provider answered ${response.status}: ${page.slice(0, 300)}`);
    form = new URLSearchParams({ username: user.username, password: user.password }).toString();
  }
  throw new Error("The provider kept redirecting.");
}

/** Signs in at the provider as another application would and exchanges the code for its tokens there. */
export async function tokensForOtherClient(provider: TestProvider, user: TestUser, nonce: string): Promise<{ id_token: string }> {
  const verifier = randomBytes(32).toString("base64url");
  const challenge = createHash("sha256").update(verifier).digest("base64url");
  const authorize = new URL("/auth", provider.issuer);
  authorize.search = new URLSearchParams({
    client_id: provider.other.id,
    redirect_uri: provider.other.redirectUri,
    response_type: "code",
    scope: "openid",
    state: "other",
    nonce,
    code_challenge: challenge,
    code_challenge_method: "S256",
  }).toString();
  const back = await signInAtProvider(authorize.href, user);
  const response = await fetch(new URL("/token", provider.issuer), {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${provider.other.id}:${provider.other.secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      grant_type: "authorization_code",
      code: back.searchParams.get("code") ?? "",
      redirect_uri: provider.other.redirectUri,
      code_verifier: verifier,
    }),
  });
  if (!response.ok) throw new Error(`The other client's token request failed: ${response.status} ${await response.text()}`);
  return response.json();
}

const secret = () => randomBytes(24).toString("base64url");

function listen(server: http.Server) {
  return new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
}

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on("data", (chunk: Buffer) => chunks.push(chunk));
    stream.on("end", () => resolve(Buffer.concat(chunks)));
    stream.on("error", reject);
  });
}

/** The provider's users in the e2e run (global-setup.ts starts it before the panel; 11-sso.spec.ts signs in as them). */
export const E2E_SSO_USERS = {
  operator: {
    sub: "e2e-olivia",
    username: "olivia",
    password: "olivia-password",
    email: "olivia@example.test",
    groups: [TEST_GROUPS.operator],
  },
  outsider: { sub: "e2e-oscar", username: "oscar", password: "oscar-password", groups: ["sales"] },
} satisfies Record<string, TestUser>;
