import { type Message, message } from "../../i18n/message";
import { english } from "../../i18n/translate";
import { HostResolver, UNASSIGNED_DATACENTER } from "./import-hosts";
import type { Finding } from "../lint/types";
import { lintNodes } from "../lint/lint";
import type { HostView, LintInput, NameServerView, NodeView } from "../model/node-view";
import { parsePeers } from "../model/peers";
import { parseProperties } from "../render/properties";
import { parsePort } from "../lint/rules/facts";
import type { BrokerGroupDraft, BrokerNodeDraft, ClusterDraft, HostSnapshot, NameServerSpec } from "../model/schema";
import { clusterSettingsSchema, DEFAULT_NAMESERVER_PORT, FLUSH_DISK_TYPES, MANAGED_BROKER_KEYS } from "../model/schema";

export interface ImportFile {
  fileName: string;
  text: string;
  /** Address of the host the file runs on; defaults to the file's brokerIP1. */
  hostAddress?: string;
}

export interface ImportOptions {
  /** The release that runs the files, when known; version-specific rules need it. */
  rocketmqVersion?: string;
  /** Panel display name; defaults to the files' brokerClusterName. */
  clusterName?: string;
  /** Inventory hosts, so imported nodes land on known hosts (matched by any of their addresses). */
  hosts?: readonly HostSnapshot[];
}

export interface ImportProblem {
  file: string;
  line?: number;
  severity: "error" | "warning";
  /** In English; `text` is the same in the reader's language. */
  message: string;
  text: Message;
}

export interface ImportResult {
  draft: ClusterDraft;
  /** The files as brokers will read them, for lintImport. */
  lintInput: LintInput;
  problems: ImportProblem[];
}

interface ParsedFile {
  file: ImportFile;
  props: Record<string, string>;
  host?: HostView;
}

const NO_BROKER_NAME = "(no brokerName)";

/** The grouping key; RocketMQ would default a missing brokerName to the host name. */
function groupOf(props: Record<string, string>): string {
  return props.brokerName ?? props.dLegerGroup ?? NO_BROKER_NAME;
}

function parseFile(file: ImportFile, hosts: HostResolver, problems: ImportProblem[]): ParsedFile {
  const parsed = parseProperties(file.text);
  const problem = (severity: ImportProblem["severity"], text: Message, line?: number): ImportProblem => ({
    file: file.fileName,
    line,
    severity,
    message: english(text),
    text,
  });
  problems.push(...parsed.problems.map((p) => problem("warning", p.text, p.line)));
  if (parsed.entries.length === 0) problems.push(problem("warning", message("importer.problems.noProperties")));
  const address = file.hostAddress ?? parsed.properties.brokerIP1;
  if (address === undefined) problems.push(problem("error", message("importer.problems.noHost")));
  return { file, props: parsed.properties, host: address === undefined ? undefined : hosts.view(address) };
}

function nodeDraft(parsed: ParsedFile): BrokerNodeDraft {
  const { props, host } = parsed;
  // Left empty when missing, so completing the draft asks for it rather than inventing a clash.
  const selfId = props.dLegerSelfId ?? "";
  const managed = new Set<string>(MANAGED_BROKER_KEYS);
  const extraProperties = Object.fromEntries(Object.entries(props).filter(([key]) => !managed.has(key)));
  const threads = /^\d+$/.test(props.sendMessageThreadPoolNums ?? "") ? Number(props.sendMessageThreadPoolNums) : undefined;
  return {
    selfId,
    hostId: host?.key,
    hostAddress: host?.address,
    brokerIP1: props.brokerIP1,
    listenPort: parsePort(props.listenPort),
    dLegerPort: parsePeers(props.dLegerPeers).members.find((m) => m.id === selfId)?.port,
    storePathRootDir: props.storePathRootDir,
    storePathCommitLog: props.storePathCommitLog,
    sendMessageThreadPoolNums: threads,
    extraProperties,
  };
}

/** The datacenter most of the group's nodes run in, when there is a strict majority. */
function majorityDatacenter(files: ParsedFile[]): { id: string; code: string } | undefined {
  const counts = new Map<string, { id: string; code: string; n: number }>();
  for (const { host } of files) {
    if (!host?.datacenterId) continue;
    const entry = counts.get(host.datacenterId) ?? { id: host.datacenterId, code: host.datacenterCode ?? host.datacenterId, n: 0 };
    counts.set(host.datacenterId, { ...entry, n: entry.n + 1 });
  }
  const best = [...counts.values()].sort((a, b) => b.n - a.n)[0];
  return best && best.n * 2 > files.length ? { id: best.id, code: best.code } : undefined;
}

function groupDraft(name: string, files: ParsedFile[]): BrokerGroupDraft {
  const first = files[0].props;
  const datacenter = majorityDatacenter(files) ?? { id: UNASSIGNED_DATACENTER, code: UNASSIGNED_DATACENTER };
  return {
    brokerName: name,
    dLegerGroup: first.dLegerGroup ?? name,
    datacenterId: datacenter.id,
    datacenterCode: datacenter.code,
    preferredLeaderId: first.preferredLeaderId,
    nodes: files.map((f) => nodeDraft(f)),
  };
}

function nameServers(files: ParsedFile[], hosts: HostResolver): NameServerSpec[] {
  const addresses = new Set(
    files.flatMap((f) =>
      (f.props.namesrvAddr ?? "")
        .split(";")
        .map((a) => a.trim())
        .filter(Boolean),
    ),
  );
  return [...addresses].map((entry) => {
    const colon = entry.lastIndexOf(":");
    const address = colon > 0 ? entry.slice(0, colon) : entry;
    const port = parsePort(entry.slice(colon + 1)) ?? DEFAULT_NAMESERVER_PORT;
    return { hostId: hosts.resolve(address).id, address, port };
  });
}

function nodeView(group: string, f: ParsedFile, datacenter: { id: string; code: string } | undefined): NodeView {
  return {
    group,
    file: f.file.fileName,
    host: f.host,
    props: f.props,
    groupDatacenterId: datacenter?.id,
    groupDatacenterCode: datacenter?.code,
  };
}

function byGroup(files: ParsedFile[]): Map<string, ParsedFile[]> {
  const groups = new Map<string, ParsedFile[]>();
  for (const f of files) groups.set(groupOf(f.props), [...(groups.get(groupOf(f.props)) ?? []), f]);
  return groups;
}

function clusterDraft(
  files: ParsedFile[],
  groups: BrokerGroupDraft[],
  ns: NameServerSpec[],
  hosts: HostSnapshot[],
  options: ImportOptions,
): ClusterDraft {
  const first = files[0]?.props ?? {};
  const flush = FLUSH_DISK_TYPES.find((t) => t === first.flushDiskType) ?? "ASYNC_FLUSH";
  const brokerClusterName = first.brokerClusterName ?? "DefaultCluster";
  const { defaults, installDir } = clusterSettingsSchema.shape;
  const cluster = {
    name: options.clusterName ?? brokerClusterName,
    brokerClusterName,
    // Left empty when unknown, so completing the draft asks for it instead of guessing.
    rocketmqVersion: options.rocketmqVersion ?? "",
    flushDiskType: flush,
    installDir: installDir.parse(undefined),
    defaults: defaults.parse(undefined),
  };
  return { schemaVersion: 1, cluster, hosts, nameServers: ns, groups };
}

/**
 * Turns broker .conf files from a running cluster into a draft (groups by brokerName, nodes by
 * dLegerSelfId, hosts from the given address or brokerIP1) plus the files as the linter sees them.
 */
export function importBrokerConfs(files: readonly ImportFile[], options: ImportOptions = {}): ImportResult {
  const problems: ImportProblem[] = [];
  const hosts = new HostResolver(options.hosts ?? []);
  const parsed = files.map((f) => parseFile(f, hosts, problems));
  const grouped = byGroup(parsed);
  const groups = [...grouped].map(([name, groupFiles]) => groupDraft(name, groupFiles));
  const ns = nameServers(parsed, hosts);
  const nodes = [...grouped].flatMap(([name, groupFiles]) => groupFiles.map((f) => nodeView(name, f, majorityDatacenter(groupFiles))));
  const nameServerViews: NameServerView[] = ns.map((n) => ({ host: hosts.view(n.address), port: n.port }));
  const draft = clusterDraft(parsed, groups, ns, hosts.hosts(), options);
  return { draft, lintInput: { rocketmqVersion: options.rocketmqVersion, nodes, nameServers: nameServerViews }, problems };
}

export function lintImport(result: ImportResult): Finding[] {
  return lintNodes(result.lintInput);
}
