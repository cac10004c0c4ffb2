// Cluster model, config generator, linter and importer for RocketMQ-on-DLedger clusters.
// Pure functions without I/O: safe to import from the browser wizard and from the server.

export {
  FLUSH_DISK_TYPES,
  DEFAULT_NAMESERVER_PORT,
  MANAGED_BROKER_KEYS,
  SELF_ID_PATTERN,
  hostSnapshotSchema,
  nameServerSchema,
  brokerNodeSchema,
  brokerGroupSchema,
  clusterSettingsSchema,
  clusterSpecSchema,
  brokerNodeDraftSchema,
  brokerGroupDraftSchema,
  clusterDraftSchema,
  validateSpec,
  formatPath,
} from "./schema";
export type {
  HostSnapshot,
  NameServerSpec,
  BrokerNodeSpec,
  BrokerGroupSpec,
  ClusterSettings,
  ClusterSpec,
  ClusterSpecInput,
  BrokerNodeDraft,
  BrokerGroupDraft,
  ClusterDraft,
  SpecError,
  SpecResult,
} from "./schema";

export { ROCKETMQ_VERSION_PATTERN, parseVersion, compareVersions, isVersion5, supportsDLedger, knownVulnerabilities } from "./version";
export type { RocketmqVersion } from "./version";

export { makeGroupDraft, autoPlace, allocatePorts, allocatePaths, applySizing, completeDraft, brokerPorts } from "./allocate";
export { suggestHeapMb, suggestSendThreads, MAX_HEAP_MB, MIN_HEAP_MB, MAX_SEND_THREADS } from "./sizing";

export { namesrvAddr, nodeAddress, dLegerPeers, brokerJvmOptions, brokerSections, brokerProperties } from "./derive";
export type { PropertyItem, PropertySection } from "./derive";
export { renderBrokerConf, renderNameServerConf, renderAllFiles, brokerFilePath, nameServerFilePath } from "./generate";
export type { RenderedFile, FileRole } from "./generate";
export { diffFiles, diffLines } from "./diff";
export type { DiffLine, FileDiff, FileChange, LineOp } from "./diff";

export { parseProperties, formatProperty, escapePropertyKey, escapePropertyValue } from "./properties";
export type { ParsedProperties, PropertyEntry, PropertiesProblem } from "./properties";
export { parsePeers, formatPeers, isLoopbackAddress } from "./peers";
export type { PeerMember, ParsedPeers } from "./peers";

export { LINT_RULES, lintSpec, lintNodes, compareFindings, countBySeverity } from "./lint";
export type { Finding, FindingLocation, LintRule, Severity } from "./lint-types";
export { lintInputFromSpec } from "./node-view";
export type { LintInput, NodeView, HostView, NameServerView } from "./node-view";

export { importBrokerConfs, lintImport } from "./import";
export type { ImportFile, ImportOptions, ImportProblem, ImportResult } from "./import";
