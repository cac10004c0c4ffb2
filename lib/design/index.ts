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
} from "./model/schema";
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
} from "./model/schema";

export { ROCKETMQ_VERSION_PATTERN, parseVersion, compareVersions, isVersion5, supportsDLedger, knownVulnerabilities } from "./model/version";
export type { RocketmqVersion } from "./model/version";

export { makeGroupDraft, autoPlace, allocatePorts, allocatePaths, applySizing, completeDraft, brokerPorts } from "./placement/allocate";
export { suggestHeapMb, suggestSendThreads, MAX_HEAP_MB, MIN_HEAP_MB, MAX_SEND_THREADS } from "./placement/sizing";

export { namesrvAddr, nodeAddress, dLegerPeers, brokerJvmOptions, brokerSections, brokerProperties } from "./model/derive";
export type { PropertyItem, PropertySection } from "./model/derive";
export { renderBrokerConf, renderNameServerConf, renderAllFiles, brokerFilePath, nameServerFilePath } from "./render/generate";
export type { RenderedFile, FileRole } from "./render/generate";
export { diffFiles, diffLines } from "./render/diff";
export type { DiffLine, FileDiff, FileChange, LineOp } from "./render/diff";

export { parseProperties, formatProperty, escapePropertyKey, escapePropertyValue } from "./render/properties";
export type { ParsedProperties, PropertyEntry, PropertiesProblem } from "./render/properties";
export { parsePeers, formatPeers, isLoopbackAddress } from "./model/peers";
export type { PeerMember, ParsedPeers } from "./model/peers";

export { LINT_RULES, lintSpec, lintNodes, compareFindings, countBySeverity } from "./lint/lint";
export type { Finding, FindingLocation, LintRule, Severity } from "./lint/types";
export { lintInputFromSpec } from "./model/node-view";
export type { LintInput, NodeView, HostView, NameServerView } from "./model/node-view";

export { importBrokerConfs, lintImport } from "./import/import";
export type { ImportFile, ImportOptions, ImportProblem, ImportResult } from "./import/import";
