// Cluster model, config generator, linter and importer for RocketMQ-on-DLedger clusters.
// Pure functions without I/O: safe to import from the browser wizard and from the server.

export {
  FLUSH_DISK_TYPES,
  DEFAULT_NAMESERVER_PORT,
  clusterSettingsSchema,
  clusterSpecSchema,
  clusterDraftSchema,
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

export { ROCKETMQ_VERSION_PATTERN, compareVersions, isVersion5, knownVulnerabilities, versionAdvisories } from "./model/version";
export type { RocketmqVersion, VersionAdvisory } from "./model/version";

export { makeGroupDraft, autoPlace, allocatePorts, allocatePaths, applySizing, completeDraft } from "./placement/allocate";
export { keepDeployedNodes } from "./placement/keep-deployed";

export { namesrvAddr, nodeAddress, brokerJvmOptions, registeredBrokerId } from "./model/derive";
export type { PropertyItem, PropertySection } from "./model/derive";
export { renderAllFiles, brokerFilePath, nameServerFilePath } from "./render/generate";
export type { RenderedFile, FileRole } from "./render/generate";
export { diffFiles } from "./render/diff";
export type { DiffLine, FileDiff, FileChange, LineOp } from "./render/diff";

export { parseProperties } from "./render/properties";
export type { ParsedProperties, PropertyEntry, PropertiesProblem } from "./render/properties";
export { parsePeers } from "./model/peers";
export type { PeerMember, ParsedPeers } from "./model/peers";

export { lintSpec, countBySeverity } from "./lint/lint";
export type { Finding, FindingLocation, LintRule, Severity } from "./lint/types";

export type { LintInput, NodeView, HostView, NameServerView } from "./model/node-view";

export { importBrokerConfs, lintImport } from "./import/import";
export type { ImportFile, ImportOptions, ImportProblem, ImportResult } from "./import/import";
