import { z } from "zod";
import { says } from "../i18n/schema";
import { jvmOptionsSchema } from "../nodes/schema";
import { revisionNumberSchema } from "../schema";
import type { FileDiff } from "../design/render/diff";
import type { DriftItem } from "../nodes/drift/schema";
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
  /**
   * Carry the cluster from its deployed revision to this one by one reconcile plan (reconcile-plan.ts): restart
   * changed processes, upgrade the release, start added NameServers and groups, decommission removed ones.
   * `deleteData` (admins only) deletes a decommissioned group's store instead of keeping it on disk.
   */
  z.object({ action: z.literal("apply"), revision: revisionNumberSchema, force, deleteData: z.boolean().default(false) }),
]);

/** What a node operation job stores as its params; parsed again whenever the job reads them. */
export const operationParamsSchema = z.object({
  request: operationRequestSchema,
  /** The revision whose config files the nodes are started with. */
  revisionNumber: revisionNumberSchema,
  nameServerJvmOptions: jvmOptionsSchema,
  /** More than one process: the health gate holds between them. */
  rolling: z.boolean(),
  /**
   * apply: the revision deployed when the job was planned. Its layouts are what runs before a step: the release a
   * failed upgrade rolls back to, and the processes the new revision removes.
   */
  fromRevisionNumber: revisionNumberSchema.optional(),
});

export type OperationParams = z.infer<typeof operationParamsSchema>;

/**
 * What one step stores as its params: the process it acts on (processKey in plan.ts), the host a release is
 * installed on (install), or the group it starts or decommissions (start-group, decommission).
 */
export const operationStepParamsSchema = z.union([
  z.object({ process: z.string().min(1) }),
  z.object({ host: z.string().min(1) }),
  z.object({ group: z.string().min(1) }),
]);
export type OperationStepParams = z.infer<typeof operationStepParamsSchema>;

/**
 * What a step does. restart, stop, start: a node operation; apply: a process of an applied revision restarted
 * because its config or JVM options changed (skipped when it already runs them). The rest are apply's too:
 *   install           the new release unpacked beside the running one on a host; nothing stops
 *   start-nameserver  a NameServer the revision adds, started and answering
 *   start-group       a group the revision adds: every node configured and started, a leader elected, registered
 *   upgrade           a process restarted on the new release with the same store; rolled back when it fails
 *   decommission      a group the revision removes: write permission wiped (205), drained, stopped, store kept
 *   stop-nameserver   a NameServer the revision removes, stopped once no broker lists it any more
 */
export const STEP_ACTIONS = [
  "restart",
  "stop",
  "start",
  "apply",
  "install",
  "start-nameserver",
  "start-group",
  "upgrade",
  "decommission",
  "stop-nameserver",
] as const;
export type StepAction = (typeof STEP_ACTIONS)[number];
export type OperationTarget = z.infer<typeof operationTargetSchema>;
export type OperationRequest = z.infer<typeof operationRequestSchema>;
export type OperationAction = OperationRequest["action"];

export type PlannedRole = "leader" | "follower" | "candidate" | "down" | "unknown" | "namesrv";

/** One step of an operation, in the order the job takes them. */
export interface PlannedStep {
  /** `${action}:${processKey}`, `install:${hostId}`, `start-group:${brokerName}`, `decommission:${brokerName}`. */
  key: string;
  action: StepAction;
  /** What it acts on: one process, one host (install) or a whole group (start-group, decommission). */
  kind: "namesrv" | "broker" | "host" | "group";
  /** "NameServer 10.0.0.1:9876", "suzhou@broker n1", "sz-1", "suzhou2@broker" */
  label: string;
  brokerName: string | null;
  selfId: string | null;
  /** The process's ip:port; null for a host or group step. */
  address: string | null;
  /** The host it runs on; null for a group step, which touches several (hostNames). */
  hostName: string | null;
  /** Every host the step touches, for the per-host view. */
  hostNames: string[];
  /** As the dashboard last saw it; the job checks again before acting. */
  role: PlannedRole;
  /** What happens, for people (in English; `whatMessage` for the reader's language). */
  what: string;
  whatMessage: Message;
  /** Why the step is in the plan: the change or drift it answers ("namesrvAddr changed", "RocketMQ 4.9.3 → 4.9.7"). */
  why: Message | null;
}

/** One difference between the deployed and the applied revision, and whether the plan can carry it out. */
export interface PlannedChange {
  kind: "config" | "version" | "add-group" | "remove-group" | "add-nameserver" | "remove-nameserver" | "move" | "membership" | "cluster";
  /** "suzhou@broker n1", "NameServer 10.0.0.1:9876", "RocketMQ", "suzhou2@broker" */
  subject: string;
  text: Message;
  /** Why the plan cannot do it, with the way it can (a move: add a group on the new host, then remove this one). */
  refused: Message | null;
}

/** A drift item as a plan shows it: what the plan does about it. */
export interface PlannedDrift extends DriftItem {
  /** "started by this plan", "restarted with the revision's config", "left alone: the panel never signals…" */
  action: Message;
}

export interface OperationPlan {
  /** "Restart suzhou@broker n1 (follower) on sz-2" */
  title: string;
  titleMessage: Message;
  request: OperationRequest;
  /** The revision whose config files the nodes are started with. */
  revision: number;
  steps: PlannedStep[];
  /** Things to know that do not stop the operation (leadership moves first, a node is already down…). */
  warnings: string[];
  warningMessages: Message[];
  /** Why the operation is refused; `forceable` when an admin may go on anyway with force. */
  refusal: { message: string; forceable: boolean } | null;
  /** The refusal's message for the reader's language. */
  refusalMessage: Message | null;
  /** apply only: the config files that change, for the diff shown before confirming. */
  diff?: FileDiff[];
  /** apply only: every difference between the revisions, refused ones included. */
  changes?: PlannedChange[];
  /** apply only: the drift found on the hosts, and what the plan does about each item. */
  drift?: PlannedDrift[];
  /** apply only: the release before and after, when it changes. */
  upgrade?: { from: string; to: string };
}
