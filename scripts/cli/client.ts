import type { z } from "zod";
import { errorAnswerSchema } from "../../lib/http/openapi-responses";
import type { PanelConfig } from "./config";
import { CliError } from "./errors";

/** The panel's HTTP API with a bearer token; answers are parsed with the schemas the OpenAPI description publishes. */
export class PanelClient {
  constructor(private readonly config: PanelConfig) {}

  get<S extends z.ZodType>(path: string, schema: S): Promise<z.output<S>> {
    return this.request("GET", path, undefined, schema);
  }

  post<S extends z.ZodType>(path: string, body: unknown, schema: S): Promise<z.output<S>> {
    return this.request("POST", path, body, schema);
  }

  private async request<S extends z.ZodType>(method: string, path: string, body: unknown, schema: S): Promise<z.output<S>> {
    const url = new URL(path, this.config.url);
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.config.token}`,
          accept: "application/json",
          // The CLI speaks English whatever the token owner's language in the panel.
          "accept-language": "en",
          ...(body === undefined ? {} : { "content-type": "application/json" }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      throw new CliError(`cannot reach the panel at ${this.config.url.origin}: ${causeOf(error)}`);
    }
    const json = await response.json().catch(() => undefined);
    if (!response.ok) {
      const refusal = errorAnswerSchema.safeParse(json);
      throw new CliError(refusal.success ? refusal.data.error : `${method} ${url.pathname} answered HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success)
      throw new CliError(`${method} ${url.pathname} answered something this CLI does not understand (is it older than the panel?)`);
    return parsed.data;
  }
}

function causeOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? error.cause.message : undefined;
  return cause ?? error.message;
}
