import { z } from "zod";
import { isSafeDisplayText } from "../../schema";
import { ROCKETMQ_VERSION_PATTERN, supportsDLedger } from "./version";

export const FLUSH_DISK_TYPES = ["ASYNC_FLUSH", "SYNC_FLUSH"] as const;
export const DEFAULT_NAMESERVER_PORT = 9876;

const NAME_PATTERN = /^[A-Za-z0-9@._-]+$/;
const ADDRESS_PATTERN = /^[A-Za-z0-9.:_-]+$/;
// RocketMQ computes a follower's brokerId as Integer.parseInt(selfId.substring(1)) + 1.
export const SELF_ID_PATTERN = /^[A-Za-z]\d+$/;

/** "x is required" when missing, "x must be <what>" when of the wrong type. */
const typeError = (field: string, what: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? `${field} is required` : `${field} must be ${what}`),
});

// Every string has a bound: specs are stored and shown whole, and no real value comes near these.
const text = (field: string, max = 255) => z.string(typeError(field, "text")).max(max, `${field} must be at most ${max} characters`);

const name = (field: string) =>
  text(field, 64).min(1, `${field} is required`).regex(NAME_PATTERN, `${field} may only contain letters, digits and @ . _ -`);

const address = (field: string) =>
  text(field).min(1, `${field} is required`).regex(ADDRESS_PATTERN, `${field} must be an IP address or host name`);

const port = (field: string, min = 1024, max = 65535, why = "") =>
  z
    .number(typeError(field, "a number"))
    .int(`${field} must be a whole number`)
    .min(min, `${field} must be between ${min} and ${max}${why}`)
    .max(max, `${field} must be between ${min} and ${max}${why}`);

const absolutePath = (field: string) =>
  text(field, 1024)
    .min(1, `${field} is required`)
    .regex(/^\/[^\s]*$/, `${field} must be an absolute path without spaces, like /opt/rocketmq/store`);

const positiveInt = (field: string, max: number) =>
  z
    .number(typeError(field, "a number"))
    .int(`${field} must be a whole number`)
    .min(1, `${field} must be at least 1`)
    .max(max, `${field} must be at most ${max}`);

const heapMb = z
  .number(typeError("heapMb", "a number"))
  .int("heapMb must be a whole number")
  .min(256, "heapMb must be at least 256 (MB)")
  .max(64 * 1024, "heapMb must be at most 65536 (MB)");

// Far beyond any real cluster; they bound what one request or one stored spec can hold.
const MAX_HOSTS = 1000;
const MAX_GROUPS = 500;
const MAX_NODES_PER_GROUP = 16;
const MAX_NAMESERVERS = 64;

export const hostSnapshotSchema = z.object({
  id: text("host id").min(1, "host id is required"),
  name: text("host name").min(1, "host name is required"),
  address: address("host address"),
  datacenterId: text("host datacenterId").min(1, "host datacenterId is required"),
  datacenterCode: text("host datacenterCode").min(1, "host datacenterCode is required"),
  cpuCount: positiveInt("cpuCount", 4096).optional(),
  memoryBytes: z.number().int().positive("memoryBytes must be positive").optional(),
  /** Every address the host answers on; more than one means brokerIP1 must be chosen explicitly. */
  addresses: z.array(address("host address")).max(64, "at most 64 addresses per host").optional(),
});

export const nameServerSchema = z.object({
  hostId: text("NameServer hostId").min(1, "NameServer hostId is required"),
  address: address("NameServer address"),
  port: port("NameServer port").default(DEFAULT_NAMESERVER_PORT),
});

export const brokerNodeSchema = z.object({
  selfId: text("selfId", 16).regex(SELF_ID_PATTERN, "selfId must be a letter followed by digits, like n0"),
  hostId: z
    .string("hostId is required: place the node on a host")
    .min(1, "hostId is required: place the node on a host")
    .max(255, "hostId must be at most 255 characters"),
  hostAddress: address("hostAddress"),
  brokerIP1: address("brokerIP1").optional(),
  listenPort: port("listenPort", 1026, 65534, " (the broker also opens listenPort-2 and listenPort+1)"),
  dLegerPort: port("dLegerPort"),
  storePathRootDir: absolutePath("storePathRootDir"),
  storePathCommitLog: absolutePath("storePathCommitLog"),
  heapMb,
  sendMessageThreadPoolNums: positiveInt("sendMessageThreadPoolNums", 256).optional(),
  extraProperties: z
    .record(text("extra property name", 128), text("extra property value", 4096))
    .refine((properties) => Object.keys(properties).length <= 200, "at most 200 extra properties")
    .default({}),
});

export const brokerGroupSchema = z.object({
  brokerName: name("brokerName"),
  dLegerGroup: name("dLegerGroup"),
  datacenterId: text("datacenterId").min(1, "datacenterId is required"),
  datacenterCode: text("datacenterCode").min(1, "datacenterCode is required"),
  /** DLedger hands leadership to this node when it is caught up (read at broker start). */
  preferredLeaderId: text("preferredLeaderId", 16).regex(SELF_ID_PATTERN, "preferredLeaderId must be a selfId like n0").optional(),
  nodes: z
    .array(brokerNodeSchema)
    .min(1, "a group needs at least one node")
    .max(MAX_NODES_PER_GROUP, `a group has at most ${MAX_NODES_PER_GROUP} nodes`),
});

export const clusterSettingsSchema = z.object({
  name: text("cluster name", 100)
    .min(1, "cluster name is required")
    .refine(isSafeDisplayText, "cluster name may not contain line breaks, control characters or text-direction controls"),
  brokerClusterName: name("brokerClusterName"),
  rocketmqVersion: text("rocketmqVersion")
    .regex(ROCKETMQ_VERSION_PATTERN, "rocketmqVersion must look like 4.9.8 or 5.3.x")
    .refine(supportsDLedger, "RocketMQ-on-DLedger needs RocketMQ 4.5.0 or newer"),
  flushDiskType: z.enum(FLUSH_DISK_TYPES, "flushDiskType must be ASYNC_FLUSH or SYNC_FLUSH").default("ASYNC_FLUSH"),
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

const nameServerList = z.array(nameServerSchema).max(MAX_NAMESERVERS, `at most ${MAX_NAMESERVERS} NameServers`);
const groupList = <Group extends z.ZodType>(group: Group) => z.array(group).max(MAX_GROUPS, `at most ${MAX_GROUPS} groups`);

const specShape = {
  schemaVersion: z.literal(1).default(1),
  cluster: clusterSettingsSchema,
  hosts: z.array(hostSnapshotSchema).max(MAX_HOSTS, `at most ${MAX_HOSTS} hosts`),
  nameServers: nameServerList.min(1, "add at least one NameServer"),
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

const MANAGED_KEY_FIELD: Record<string, string> = {
  brokerClusterName: "the cluster's brokerClusterName",
  brokerName: "the group's brokerName",
  namesrvAddr: "the cluster's NameServers",
  dLegerPeers: "the group's nodes",
  preferredLeaderId: "the group's preferredLeaderId",
  dLegerGroup: "the group's dLegerGroup",
  flushDiskType: "the cluster's flushDiskType",
};

const PROPERTY_KEY_PATTERN = /^[A-Za-z][A-Za-z0-9_.]*$/;

type SpecObject = z.infer<typeof clusterSpecObjectSchema>;

function checkReferences(spec: SpecObject, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: "custom", path, message });
  const hostIds = new Set<string>();
  spec.hosts.forEach((host, i) => {
    if (hostIds.has(host.id)) issue(["hosts", i, "id"], `host id "${host.id}" appears twice`);
    hostIds.add(host.id);
  });
  const nameServerKeys = new Set<string>();
  spec.nameServers.forEach((ns, i) => {
    if (!hostIds.has(ns.hostId)) issue(["nameServers", i, "hostId"], `NameServer host "${ns.hostId}" is not in the host list`);
    const key = `${ns.hostId}:${ns.port}`;
    if (nameServerKeys.has(key)) issue(["nameServers", i], `two NameServers use port ${ns.port} on the same host`);
    nameServerKeys.add(key);
  });
  const brokerNames = new Set<string>();
  spec.groups.forEach((group, g) => {
    if (brokerNames.has(group.brokerName)) issue(["groups", g, "brokerName"], `brokerName "${group.brokerName}" is used by two groups`);
    brokerNames.add(group.brokerName);
    const selfIds = new Set<string>();
    group.nodes.forEach((node, n) => {
      const at = ["groups", g, "nodes", n];
      if (selfIds.has(node.selfId)) issue([...at, "selfId"], `selfId "${node.selfId}" appears twice in group ${group.brokerName}`);
      selfIds.add(node.selfId);
      if (!hostIds.has(node.hostId)) issue([...at, "hostId"], `host "${node.hostId}" of node ${node.selfId} is not in the host list`);
      checkExtraProperties(node.extraProperties, (key, message) => issue([...at, "extraProperties", key], message));
    });
  });
}

function checkExtraProperties(extra: Record<string, string>, issue: (key: string, message: string) => void): void {
  for (const key of Object.keys(extra)) {
    if ((MANAGED_BROKER_KEYS as readonly string[]).includes(key)) {
      const owner = MANAGED_KEY_FIELD[key] ?? `the node's ${key}`;
      issue(key, `${key} is set by the panel; change ${owner} instead of an extra property`);
    } else if (!PROPERTY_KEY_PATTERN.test(key)) {
      issue(key, `extra property "${key}" must be a Java-style name like maxMessageSize`);
    }
  }
}

/** A complete cluster: every node placed, ports and paths allocated. Stored as an immutable revision. */
export const clusterSpecSchema = clusterSpecObjectSchema.superRefine(checkReferences);
export type ClusterSpec = z.infer<typeof clusterSpecSchema>;
export type ClusterSpecInput = z.input<typeof clusterSpecSchema>;

/** What the wizard edits: nodes may still lack a host, ports, paths and sizing. */
export const brokerNodeDraftSchema = brokerNodeSchema.partial({
  hostId: true,
  hostAddress: true,
  listenPort: true,
  dLegerPort: true,
  storePathRootDir: true,
  storePathCommitLog: true,
  heapMb: true,
});
export const brokerGroupDraftSchema = brokerGroupSchema.extend({
  nodes: z
    .array(brokerNodeDraftSchema)
    .min(1, "a group needs at least one node")
    .max(MAX_NODES_PER_GROUP, `a group has at most ${MAX_NODES_PER_GROUP} nodes`),
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
