import "server-only";
import type { NextRequest } from "next/server";
import { AppError } from "../errors";
import { message } from "../i18n/message";

// `application/json`, optionally with a UTF-8 charset: what the panel's own pages and JSON clients send.
const JSON_CONTENT_TYPE = /^application\/json\s*(;\s*charset\s*=\s*"?utf-8"?\s*)?$/i;

const tooLarge = (limit: number) => new AppError(message("errors.body.tooLarge", { limit: formatBytes(limit) }), 413, "body_too_large");

/**
 * The body as JSON, read as a stream that stops at `limit` bytes, so an oversized body is refused without holding it
 * in memory. 415 for another content type, 413 beyond the limit, 400 for anything that is not UTF-8 JSON.
 */
export async function readJsonBody(request: NextRequest, limit: number): Promise<unknown> {
  const type = request.headers.get("content-type");
  if (!type || !JSON_CONTENT_TYPE.test(type.trim())) {
    throw new AppError(message("errors.body.contentType"), 415, "unsupported_media_type");
  }
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > limit) throw tooLarge(limit);
  const text = await readText(request, limit);
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError(message("errors.body.notJson"), 400, "bad_json");
  }
}

async function readText(request: NextRequest, limit: number): Promise<string> {
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new AppError(message("errors.body.notUtf8"), 400, "bad_json");
  }
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}
