import { z } from "zod";

// The answers of the routes scripts read most, for the OpenAPI description and for the CLI, which parses what it
// reads with them. Loose objects: they name the fields a client may rely on, and a column added later does not make
// them lie. e2e/12-openapi.spec.ts checks real answers against them.

/** What every refusal and failure answers (lib/http/route.ts errorResponse). */
export const errorAnswerSchema = z.object({
  error: z.string().describe("What went wrong, in the signed-in user's language (else the Accept-Language one)."),
  code: z.string().describe("A stable code for scripts: invalid_input, unauthenticated, forbidden, not_found, conflict, …"),
  fieldErrors: z.record(z.string(), z.array(z.string())).optional().describe("Per-field messages of a refused input."),
});

/** What a route that starts a job answers: follow it at /api/jobs/{jobId}. */
export const createdJobResponse = z.object({ jobId: z.guid() });

const id = z.guid();
const time = z.iso.datetime().describe("ISO 8601, UTC");
/** A text stored as what it means (lib/i18n/message.ts): a catalog key and its values; the English is beside it. */
const storedMessage = z.looseObject({ key: z.string() }).nullable();

const cluster = z.looseObject({
  id,
  name: z.string(),
  brokerClusterName: z.string(),
  rocketmqVersion: z.string(),
  draftStep: z.int(),
  desiredRevisionId: id.nullable(),
  deployedRevisionId: id.nullable(),
  deployedAt: time.nullable(),
  createdAt: time,
  updatedAt: time,
});

export const clusterListResponse = z.array(
  cluster.extend({
    desiredRevision: z.object({ number: z.int(), createdAt: time }).nullable(),
    _count: z.object({ revisions: z.int(), groups: z.int() }),
  }),
);

const jobState = z.enum(["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]);

const job = z.looseObject({
  id,
  kind: z.string(),
  title: z.string().describe("English; titleMessage for other languages"),
  state: jobState,
  clusterId: id.nullable(),
  createdAt: time,
  startedAt: time.nullable(),
  finishedAt: time.nullable(),
  error: z.string().nullable(),
  summary: z.string().nullable(),
  titleMessage: storedMessage,
  cancelRequested: z.boolean(),
  cluster: z.object({ id, name: z.string() }).nullable(),
  revision: z.object({ number: z.int() }).nullable(),
  createdBy: z.object({ username: z.string() }).nullable(),
});

export const jobListResponse = z.array(job);

export const jobResponse = job.extend({
  steps: z.array(
    z.looseObject({
      id,
      key: z.string(),
      stage: z.int(),
      position: z.int(),
      action: z.string(),
      title: z.string(),
      hostName: z.string().nullable(),
      state: z.enum(["pending", "running", "succeeded", "failed", "skipped", "cancelled", "interrupted"]),
      startedAt: time.nullable(),
      finishedAt: time.nullable(),
      error: z.string().nullable(),
    }),
  ),
  _count: z.object({ logLines: z.int() }),
});

export const jobLogLinesResponse = z.array(
  z.object({
    seq: z.int(),
    stepId: id.nullable(),
    stream: z.enum(["stdout", "stderr", "info"]),
    text: z.string().describe("English for the panel's own lines; a command's output as it printed it"),
    message: z.looseObject({ key: z.string() }).optional().describe("The panel's own lines as a catalog message"),
    at: time,
  }),
);

const health = z.enum(["up", "down", "stale", "unknown"]);

const topologySnapshot = z.looseObject({
  schemaVersion: z.literal(1),
  clusterId: id,
  brokerClusterName: z.string(),
  generatedAt: z.number().describe("ms since the epoch, the time base of every observedAt in the snapshot"),
  source: z.enum(["revision", "attached"]),
  revision: z.object({ number: z.int(), deployed: z.boolean() }).nullable(),
  nameServers: z.array(z.looseObject({ address: z.string(), health })),
  groups: z.array(
    z.looseObject({
      brokerName: z.string(),
      leaderId: z.string().nullable(),
      term: z.number().nullable(),
      health: z.enum(["ok", "degraded", "no_leader", "down", "unknown"]),
      nodes: z.array(
        z.looseObject({
          key: z.string(),
          brokerName: z.string(),
          selfId: z.string(),
          brokerAddress: z.string().nullable(),
          health,
          role: z.enum(["leader", "follower", "candidate", "unknown"]),
          term: z.number().nullable(),
          lagBytes: z.number().nullable(),
        }),
      ),
    }),
  ),
});

export const topologyResponse = z.object({
  snapshot: topologySnapshot.nullable().describe("null before the first poll; the server's clock is in the x-server-now header"),
});
