import { z } from "zod";
import { says } from "../i18n/schema";
import { jvmOptionsSchema } from "../nodes/schema";
import { revisionNumberSchema } from "../schema";
import type { FileDiff } from "../design/render/diff";
import type { Message } from "../i18n/message";

// Inputs and plans of node operations (restart, stop, start, apply a revision), shared by the dashboard's
// dialogs, the routes and the job. Pure: no I/O.

const brokerName = z.string().trim().min(1, says("validation.operations.brokerName")).max(200);
const selfId = z
  .string()
  .trim()
  .max(16, says("validation.selfId"))
  .regex(/^[A-Za-z]\d+$/, says("validation.selfId"));
const address = z
  .string()
  .trim()
  .max(261, says("validation.operations.nameServerAddress"))
  .regex(/^[A-Za-z0-9.-]+:\d{1,5}$/, says("validation.operations.nameServerAddress"));

export const operationTargetSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("node"), brokerName, selfId }),
  z.object({ kind: z.literal("namesrv"), address }),
  z.object({ kind: z.literal("group"), brokerName }),
  z.object({ kind: z.literal("cluster") }),
]);

/** `force` (admins only) lets an operation go on when it would leave a group without its majority. */
const force = z.boolean().default(false);

export const operationRequestSchema = z.discriminatedUnion("action", [
  z.object({ action: z.literal("restart"), target: operationTargetSchema, force }),
  z.object({ action: z.literal("stop"), target: operationTargetSchema, force }),
  z.object({ action: z.literal("start"), target: operationTargetSchema, force }),
  /** Roll a saved revision's config onto the running nodes: only nodes whose launch changed are restarted. */
  z.object({ action: z.literal("apply"), revision: revisionNumberSchema, force }),
]);

/** What a node operation job stores as its params; parsed again whenever the job reads them. */
export const operationParamsSchema = z.object({
  request: operationRequestSchema,
  /** The revision whose config files the nodes are started with. */
  revisionNumber: revisionNumberSchema,
  nameServerJvmOptions: jvmOptionsSchema,
  /** More than one process: the health gate holds between them. */
  rolling: z.boolean(),
});

export type OperationParams = z.infer<typeof operationParamsSchema>;

/** What one step of a node operation stores as its params: the process it acts on (processKey in plan.ts). */
export const operationStepParamsSchema = z.object({ process: z.string().min(1) });
export type OperationTarget = z.infer<typeof operationTargetSchema>;
export type OperationRequest = z.infer<typeof operationRequestSchema>;
export type OperationAction = OperationRequest["action"];

export type PlannedRole = "leader" | "follower" | "candidate" | "down" | "unknown" | "namesrv";

/** One node's turn in an operation, in the order the job takes them. */
export interface PlannedNode {
  /** The step key: `${action}:${layout key}`. */
  key: string;
  kind: "namesrv" | "broker";
  /** "NameServer :9876", "suzhou@broker n1" */
  label: string;
  brokerName: string | null;
  selfId: string | null;
  address: string;
  hostName: string;
  /** As the dashboard last saw it; the job checks again before acting. */
  role: PlannedRole;
  /** What happens to this node, for people (in English; `whatMessage` for the reader's language). */
  what: string;
  whatMessage: Message;
}

export interface OperationPlan {
  /** "Restart suzhou@broker n1 (follower) on sz-2" */
  title: string;
  titleMessage: Message;
  request: OperationRequest;
  /** The revision whose config files the nodes are started with. */
  revision: number;
  nodes: PlannedNode[];
  /** Things to know that do not stop the operation (leadership moves first, a node is already down…). */
  warnings: string[];
  warningMessages: Message[];
  /** Why the operation is refused; `forceable` when an admin may go on anyway with force. */
  refusal: { message: string; forceable: boolean } | null;
  /** The refusal's message for the reader's language. */
  refusalMessage: Message | null;
  /** apply only: the config files that change, for the diff shown before confirming. */
  diff?: FileDiff[];
}
