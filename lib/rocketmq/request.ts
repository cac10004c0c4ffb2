import "server-only";
import type { z } from "zod";
import type { RemotingCommand } from "./codec";
import { ResponseCode } from "./codes";
import { RocketmqProtocolError, RocketmqRemoteError, responseName } from "./errors";
import { FastjsonSyntaxError, parseFastjson } from "./fastjson";
import type { RemotingClient } from "./pool";

/**
 * The panel presents itself as V4_9_4 (ordinal 401): from that version on, NameServers answer
 * GET_ROUTEINFO_BY_TOPIC in standard JSON; older ones ignore the version. "OTHER" is a language
 * every server version knows.
 */
export const CLIENT_VERSION = 401;
export const CLIENT_LANGUAGE = "OTHER";

export interface CallOptions {
  timeoutMs?: number;
}

export interface RequestSpec extends CallOptions {
  extFields?: Record<string, string>;
  body?: Buffer;
}

/** Sends a request; resolves with the reply, whatever its code. */
export function send(remoting: RemotingClient, address: string, code: number, spec: RequestSpec = {}): Promise<RemotingCommand> {
  return remoting.invoke(
    address,
    {
      code,
      language: CLIENT_LANGUAGE,
      version: CLIENT_VERSION,
      flag: 0,
      serializeType: "JSON",
      ...(spec.extFields && { extFields: spec.extFields }),
      ...(spec.body && { body: spec.body }),
    },
    spec.timeoutMs,
  );
}

/** Sends a RocketMQ request and insists on ResponseCode.SUCCESS. */
export async function call(remoting: RemotingClient, address: string, code: number, spec: RequestSpec = {}): Promise<RemotingCommand> {
  const response = await send(remoting, address, code, spec);
  if (response.code !== ResponseCode.SUCCESS) throw remoteError(address, code, response);
  return response;
}

/** Parses a fastjson body and validates it; any mismatch is the peer's protocol error, never a crash. */
export function parseBody<S extends z.ZodType>(address: string, body: Buffer | undefined, schema: S, what: string): z.output<S> {
  if (!body || body.length === 0) throw new RocketmqProtocolError(address, `${what}: empty body`);
  let raw: unknown;
  try {
    raw = parseFastjson(body);
  } catch (error) {
    const detail = error instanceof FastjsonSyntaxError ? error.message : String(error);
    throw new RocketmqProtocolError(address, `${what}: body is not JSON (${detail})`, error);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new RocketmqProtocolError(address, `${what}: unexpected body shape: ${parsed.error.issues[0]?.message ?? ""}`, parsed.error);
  }
  return parsed.data;
}

/** A numeric field of a reply's header (a long or an int on the Java side); missing or not a number is the peer's protocol error. */
export function headerNumber(address: string, response: RemotingCommand, name: string, what: string): number {
  const raw = response.extFields?.[name];
  const value = raw === undefined || raw.trim() === "" ? Number.NaN : Number(raw);
  if (!Number.isFinite(value))
    throw new RocketmqProtocolError(address, `${what}: reply header field ${name} is ${raw === undefined ? "missing" : `"${raw}"`}`);
  return value;
}

/** A RemoteError for a reply whose code the caller does not turn into a result. */
export function remoteError(address: string, requestCode: number, response: RemotingCommand): RocketmqRemoteError {
  return new RocketmqRemoteError(address, requestCode, response.code, response.remark, responseName(response.code));
}

/**
 * Java Properties as MixAll.properties2String writes them: one `key=value` per line, no escaping.
 * Values may contain '='; the first one splits.
 */
export function parseProperties(body: Buffer | undefined): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of (body ?? Buffer.alloc(0)).toString("utf8").split(/\r?\n/)) {
    if (line.trim() === "" || line.startsWith("#")) continue;
    const equals = line.indexOf("=");
    if (equals < 0) continue;
    result[line.slice(0, equals).trim()] = line.slice(equals + 1).trim();
  }
  return result;
}
