import { z } from "zod";
import type { Messages } from "../../i18n/catalog";
import { message } from "../../i18n/message";
import { says, speak } from "../../i18n/schema";
import { isSafeDisplayText } from "../../schema";
import { ROCKETMQ_VERSION_PATTERN, supportsDLedger } from "./version";

export const FLUSH_DISK_TYPES = ["ASYNC_FLUSH", "SYNC_FLUSH"] as const;
export const DEFAULT_NAMESERVER_PORT = 9876;

const NAME_PATTERN = /^[A-Za-z0-9@._-]+$/;
const ADDRESS_PATTERN = /^[A-Za-z0-9.:_-]+$/;
// RocketMQ computes a follower's brokerId as Integer.parseInt(selfId.substring(1)) + 1.
export const SELF_ID_PATTERN = /^[A-Za-z]\d+$/;

/** A field as the messages name it: its config name, or words ("host name") in the reader's language. */
type Field = keyof Messages["validation"]["fields"];
const label = (field: Field) => ({ field: message(`validation.fields.${field}`) });

/** "x is required" when missing, "x must be <what>" when of the wrong type. */
const typeError = (field: Field, mustBe: "validation.spec.mustBeText" | "validation.spec.mustBeNumber") => ({
  error: (issue: { input?: unknown }) => speak(issue.input === undefined ? "validation.spec.required" : mustBe, label(field)),
});
const required = (field: Field) => says("validation.spec.required", label(field));

// Every string has a bound: specs are stored and shown whole, and no real value comes near these.
const text = (field: Field, max = 255) =>
  z.string(typeError(field, "validation.spec.mustBeText")).max(max, says("validation.spec.tooLong", { ...label(field), max }));

const name = (field: Field) =>
  text(field, 64)
    .min(1, required(field))
    .regex(NAME_PATTERN, says("validation.spec.nameCharacters", label(field)));

const address = (field: Field) =>
  text(field)
    .min(1, required(field))
    .regex(ADDRESS_PATTERN, says("validation.spec.address", label(field)));

/** listenPort's range says why it is narrower. */
const port = (
  field: Field,
  min = 1024,
  max = 65535,
  range: "validation.spec.portRange" | "validation.spec.listenPortRange" = "validation.spec.portRange",
) =>
  z
    .number(typeError(field, "validation.spec.mustBeNumber"))
    .int(says("validation.spec.notWhole", label(field)))
    .min(min, says(range, { ...label(field), min, max }))
    .max(max, says(range, { ...label(field), min, max }));

const absolutePath = (field: Field) =>
  text(field, 1024)
    .min(1, required(field))
    .regex(/^\/[^\s]*$/, says("validation.spec.absolutePath", label(field)));

const positiveInt = (field: Field, max: number) =>
  z
    .number(typeError(field, "validation.spec.mustBeNumber"))
    .int(says("validation.spec.notWhole", label(field)))
    .min(1, says("validation.spec.atLeastOne", label(field)))
    .max(max, says("validation.spec.atMost", { ...label(field), max }));

const heapMb = z
  .number(typeError("heapMb", "validation.spec.mustBeNumber"))
  .int(says("validation.spec.notWhole", label("heapMb")))
  .min(256, says("validation.spec.heapTooSmall"))
  .max(64 * 1024, says("validation.spec.heapTooLarge"));

// Far beyond any real cluster; they bound what one request or one stored spec can hold.
const MAX_HOSTS = 1000;
const MAX_GROUPS = 500;
const MAX_NODES_PER_GROUP = 16;
const MAX_NAMESERVERS = 64;

export const hostSnapshotSchema = z.object({
  id: text("snapshotId").min(1, required("snapshotId")),
  name: text("snapshotName").min(1, required("snapshotName")),
  address: address("snapshotAddress"),
  datacenterId: text("snapshotDatacenterId").min(1, required("snapshotDatacenterId")),
  datacenterCode: text("snapshotDatacenterCode").min(1, required("snapshotDatacenterCode")),
  cpuCount: positiveInt("cpuCount", 4096).optional(),
  memoryBytes: z.number().int().positive(says("validation.spec.memoryPositive")).optional(),
  /** Every address the host answers on; more than one means brokerIP1 must be chosen explicitly. */
  addresses: z.array(address("snapshotAddress")).max(64, says("validation.spec.tooManyAddresses")).optional(),
});

export const nameServerSchema = z.object({
  hostId: text("nameServerHostId").min(1, required("nameServerHostId")),
  address: address("nameServerAddress"),
  port: port("nameServerPort").default(DEFAULT_NAMESERVER_PORT),
});

export const brokerNodeSchema = z.object({
  selfId: text("selfId", 16).regex(SELF_ID_PATTERN, says("validation.selfId")),
  hostId: z
    .string(says("validation.spec.hostIdRequired"))
    .min(1, says("validation.spec.hostIdRequired"))
    .max(255, says("validation.spec.hostIdTooLong")),
  hostAddress: address("hostAddress"),
  brokerIP1: address("brokerIP1").optional(),
  listenPort: port("listenPort", 1026, 65534, "validation.spec.listenPortRange"),
  dLegerPort: port("dLegerPort"),
  storePathRootDir: absolutePath("storePathRootDir"),
  storePathCommitLog: absolutePath("storePathCommitLog"),
  heapMb,
  sendMessageThreadPoolNums: positiveInt("sendMessageThreadPoolNums", 256).optional(),
  extraProperties: z
    .record(text("extraPropertyName", 128), text("extraPropertyValue", 4096))
    .refine((properties) => Object.keys(properties).length <= 200, says("validation.spec.tooManyExtraProperties"))
    .default({}),
});

export const brokerGroupSchema = z.object({
  brokerName: name("brokerName"),
  dLegerGroup: name("dLegerGroup"),
  datacenterId: text("datacenterId").min(1, required("datacenterId")),
  datacenterCode: text("datacenterCode").min(1, required("datacenterCode")),
  /** DLedger hands leadership to this node when it is caught up (read at broker start). */
  preferredLeaderId: text("preferredLeaderId", 16).regex(SELF_ID_PATTERN, says("validation.spec.preferredLeaderId")).optional(),
  nodes: z
    .array(brokerNodeSchema)
    .min(1, says("validation.spec.groupNeedsNode"))
    .max(MAX_NODES_PER_GROUP, says("validation.spec.tooManyNodes", { max: MAX_NODES_PER_GROUP })),
});

export const clusterSettingsSchema = z.object({
  name: text("clusterName", 100).min(1, required("clusterName")).refine(isSafeDisplayText, says("validation.spec.clusterNameUnsafe")),
  brokerClusterName: name("brokerClusterName"),
  rocketmqVersion: text("rocketmqVersion")
    .regex(ROCKETMQ_VERSION_PATTERN, says("validation.spec.rocketmqVersion"))
    .refine(supportsDLedger, says("validation.spec.needsDLedger")),
  flushDiskType: z.enum(FLUSH_DISK_TYPES, says("validation.spec.flushDiskType")).default("ASYNC_FLUSH"),
  installDir: absolutePath("installDir").default("/opt/rocketmq"),
  defaults: z
    .object({
      /** Used when a host's memory is unknown. */
      heapMb: heapMb.default(2048),
      /** Used when a host's CPU count is unknown. */
      sendMessageThreadPoolNums: positiveInt("sendMessageThreadPoolNums", 256).default(4),
      listenPortBase: port("listenPortBase", 1026, 65534).default(30911),
      dLegerPortBase: port("dLegerPortBase").default(40911),
    })
    .prefault({}),
});

const nameServerList = z.array(nameServerSchema).max(MAX_NAMESERVERS, says("validation.spec.tooManyNameServers", { max: MAX_NAMESERVERS }));
const groupList = <Group extends z.ZodType>(group: Group) =>
  z.array(group).max(MAX_GROUPS, says("validation.spec.tooManyGroups", { max: MAX_GROUPS }));

const specShape = {
  schemaVersion: z.literal(1).default(1),
  cluster: clusterSettingsSchema,
  hosts: z.array(hostSnapshotSchema).max(MAX_HOSTS, says("validation.spec.tooManyHosts", { max: MAX_HOSTS })),
  nameServers: nameServerList.min(1, says("validation.spec.noNameServer")),
};

/** The stored, complete shape without cross-reference checks; see clusterSpecSchema. */
export const clusterSpecObjectSchema = z.object({ ...specShape, groups: groupList(brokerGroupSchema) });

export type HostSnapshot = z.infer<typeof hostSnapshotSchema>;
export type NameServerSpec = z.infer<typeof nameServerSchema>;
export type BrokerNodeSpec = z.infer<typeof brokerNodeSchema>;
export type BrokerGroupSpec = z.infer<typeof brokerGroupSchema>;
export type ClusterSettings = z.infer<typeof clusterSettingsSchema>;

/** Keys the generator writes from the model; extraProperties may not override them. */
export const MANAGED_BROKER_KEYS = [
  "brokerClusterName",
  "brokerName",
  "namesrvAddr",
  "brokerIP1",
  "listenPort",
  "storePathRootDir",
  "storePathCommitLog",
  "flushDiskType",
  "enableDLegerCommitLog",
  "dLegerGroup",
  "dLegerPeers",
  "dLegerSelfId",
  "preferredLeaderId",
  "sendMessageThreadPoolNums",
] as const;

/** Where the model sets a managed key; any other is the node's own field of that name. */
type Owner = Exclude<keyof Messages["validation"]["spec"]["owners"], "node">;
const MANAGED_KEY_OWNERS: readonly string[] = [
  "brokerClusterName",
  "brokerName",
  "namesrvAddr",
  "dLegerPeers",
  "preferredLeaderId",
  "dLegerGroup",
  "flushDiskType",
] satisfies Owner[];

const PROPERTY_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.]*$/;

type SpecObject = z.infer<typeof clusterSpecObjectSchema>;

function checkReferences(spec: SpecObject, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  // Written now, during the parse: in its language.
  const hostIds = new Set<string>();
  spec.hosts.forEach((host, i) => {
    if (hostIds.has(host.id)) issue(["hosts", i, "id"], speak("validation.spec.hostIdTwice", { id: host.id }));
    hostIds.add(host.id);
  });
  const nameServerKeys = new Set<string>();
  spec.nameServers.forEach((ns, i) => {
    if (!hostIds.has(ns.hostId)) issue(["nameServers", i, "hostId"], speak("validation.spec.nameServerHostUnknown", { hostId: ns.hostId }));
    const key = `${ns.hostId}:${ns.port}`;
    if (nameServerKeys.has(key)) issue(["nameServers", i], speak("validation.spec.nameServerPortTwice", { port: ns.port }));
    nameServerKeys.add(key);
  });
  const brokerNames = new Set<string>();
  spec.groups.forEach((group, g) => {
    if (brokerNames.has(group.brokerName))
      issue(["groups", g, "brokerName"], speak("validation.spec.brokerNameTwice", { brokerName: group.brokerName }));
    brokerNames.add(group.brokerName);
    const selfIds = new Set<string>();
    group.nodes.forEach((node, n) => {
      const at = ["groups", g, "nodes", n];
      if (selfIds.has(node.selfId))
        issue([...at, "selfId"], speak("validation.spec.selfIdTwice", { selfId: node.selfId, brokerName: group.brokerName }));
      selfIds.add(node.selfId);
      if (!hostIds.has(node.hostId))
        issue([...at, "hostId"], speak("validation.spec.nodeHostUnknown", { hostId: node.hostId, selfId: node.selfId }));
      checkExtraProperties(node.extraProperties, (key, message) => issue([...at, "extraProperties", key], message));
    });
  });
}

function checkExtraProperties(extra: Record<string, string>, issue: (key: string, message: string) => void): void {
  for (const key of Object.keys(extra)) {
    if ((MANAGED_BROKER_KEYS as readonly string[]).includes(key)) {
      const owner = MANAGED_KEY_OWNERS.includes(key)
        ? message(`validation.spec.owners.${key as Owner}`)
        : message("validation.spec.owners.node", { key });
      issue(key, speak("validation.spec.managedKey", { key, owner }));
    } else if (!PROPERTY_KEY_PATTERN.test(key)) {
      issue(key, speak("validation.spec.propertyName", { key }));
    }
  }
}

/** A complete cluster: every node placed, ports and paths allocated. Stored as an immutable revision. */
export const clusterSpecSchema = clusterSpecObjectSchema.superRefine(checkReferences);
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;
export type ClusterSpecInput = z.input<typeof clusterSpecSchema>;

/** What the wizard edits: nodes may still lack a host, ports, paths and sizing. */
export const brokerNodeDraftSchema = brokerNodeSchema
  .partial({
    hostId: true,
    hostAddress: true,
    listenPort: true,
    dLegerPort: true,
    storePathRootDir: true,
    storePathCommitLog: true,
    heapMb: true,
  })
  .extend({
    /**
     * The node runs as the deployed revision made it: set by the server when it loads the draft (keepDeployedNodes),
     * so the wizard leaves its values alone. Not part of a spec.
     */
    deployed: z.boolean().optional(),
  });
export const brokerGroupDraftSchema = brokerGroupSchema.extend({
  nodes: z
    .array(brokerNodeDraftSchema)
    .min(1, says("validation.spec.groupNeedsNode"))
    .max(MAX_NODES_PER_GROUP, says("validation.spec.tooManyNodes", { max: MAX_NODES_PER_GROUP })),
});
export const clusterDraftSchema = z.object({
  ...specShape,
  nameServers: nameServerList,
  groups: groupList(brokerGroupDraftSchema),
});
export type BrokerNodeDraft = z.infer<typeof brokerNodeDraftSchema>;
export type BrokerGroupDraft = z.infer<typeof brokerGroupDraftSchema>;
export type ClusterDraft = z.infer<typeof clusterDraftSchema>;

export interface SpecError {
  /** Dotted path into the spec, like "groups[0].nodes[1].listenPort"; "" for the whole spec. */
  path: string;
  message: string;
}

export type SpecResult = { ok: true; spec: ClusterSpec } | { ok: false; errors: SpecError[] };

export function formatPath(path: readonly PropertyKey[]): string {
  return path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
}

export function validateSpec(input: unknown): SpecResult {
  const parsed = clusterSpecSchema.safeParse(input);
  if (parsed.success) return { ok: true, spec: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })) };
}
