import type { LintRule } from "../types";
import { nodeLocation } from "../types";
import { type NodeView, nodeLabel } from "../../model/node-view";
import { knownVulnerabilities } from "../../model/version";
import { isDLedgerEnabled } from "./facts";

const DEFAULT_CLUSTER_NAME = "DefaultCluster";
// In DLedger mode the broker sets brokerId to -1 at start and Raft decides the role (BrokerStartup, DLedgerRoleChangeHandler).
const DECIDED_BY_DLEDGER = ["brokerId", "brokerRole"];
// Settings of the master/slave HA service, which a DLedger broker never starts (DefaultMessageStore).
const HA_SERVICE_KEYS = [
  "haMasterAddress",
  "haSendHeartbeatInterval",
  "haHousekeepingInterval",
  "haTransferBatchSize",
  "haSlaveFallbehindMax",
];

export const clusterNameInconsistent: LintRule = {
  id: "cluster-name-inconsistent",
  severity: "error",
  summary:
    "Brokers of one cluster use different brokerClusterName values (a missing one means DefaultCluster), so they show up as separate clusters.",
  hint: "Use the same brokerClusterName on every broker.",
  check: (input) => {
    const names = [...new Set(input.nodes.map((n) => n.props.brokerClusterName ?? DEFAULT_CLUSTER_NAME))];
    if (names.length < 2) return [];
    return [{ message: `Brokers use brokerClusterName values ${names.join(", ")}.`, location: { key: "brokerClusterName" } }];
  },
};

export const dledgerNotEnabled: LintRule = {
  id: "dledger-not-enabled",
  severity: "error",
  summary: "enableDLegerCommitLog is not true, so the broker runs as a plain master/slave broker and ignores dLegerPeers.",
  hint: "Set enableDLegerCommitLog=true (exactly, without trailing spaces).",
  check: (input) =>
    input.nodes
      .filter((n) => !isDLedgerEnabled(n))
      .map((node) => ({
        message: `${nodeLabel(node)} has enableDLegerCommitLog=${node.props.enableDLegerCommitLog ?? "(missing)"}.`,
        location: nodeLocation(node, "enableDLegerCommitLog"),
      })),
};

/** Why a brokerRole/brokerId value on a DLedger broker is wrong: BrokerStartup checks the role before DLedger takes over. */
function decidedKeyMessage(node: NodeView, key: string): string {
  const value = node.props[key];
  const brokerId = Number(node.props.brokerId ?? "0");
  if (key === "brokerRole" && value === "SLAVE" && !(brokerId > 0)) {
    return `brokerRole=SLAVE on ${nodeLabel(node)} makes the broker exit at start ("Slave's brokerId must be > 0"); with DLedger the election decides the role.`;
  }
  if (key === "brokerRole")
    return `brokerRole=${value} on ${nodeLabel(node)} claims a fixed role, but DLedger's election decides it and overwrites it.`;
  return `brokerId=${value} on ${nodeLabel(node)} claims a fixed id, but DLedger sets -1 at start, then 0 for the leader and the selfId's digits + 1 for a follower.`;
}

export const dledgerIgnoredKey: LintRule = {
  id: "dledger-ignored-key",
  severity: "error",
  summary:
    "brokerRole or brokerId is set on a DLedger broker, where the Raft election decides both; brokerRole=SLAVE without a brokerId stops the broker from starting.",
  hint: "Remove brokerRole and brokerId (from the extra properties, or from the imported file): with enableDLegerCommitLog=true, DLedger gives each node its role and brokerId.",
  check: (input) =>
    input.nodes.filter(isDLedgerEnabled).flatMap((node) =>
      DECIDED_BY_DLEDGER.filter((key) => node.props[key] !== undefined).map((key) => ({
        message: decidedKeyMessage(node, key),
        location: nodeLocation(node, key),
      })),
    ),
};

export const dledgerHaKey: LintRule = {
  id: "dledger-ha-key",
  severity: "info",
  summary:
    "A setting of the master/slave HA service is set on a DLedger broker, which never starts that service: DLedger replicates the commit log itself.",
  hint: "Remove the key; DLedger's own settings (dLegerPeers, preferredLeaderId) are what count here.",
  check: (input) =>
    input.nodes.filter(isDLedgerEnabled).flatMap((node) =>
      HA_SERVICE_KEYS.filter((key) => node.props[key] !== undefined).map((key) => ({
        message: `${key}=${node.props[key]} on ${nodeLabel(node)} has no effect with DLedger.`,
        location: nodeLocation(node, key),
      })),
    ),
};

export const controllerModeConflict: LintRule = {
  id: "controller-mode-conflict",
  severity: "error",
  summary: "enableControllerMode and enableDLegerCommitLog are both true; a 5.x broker refuses to start (exit code -4).",
  hint: "Remove enableControllerMode: this cluster replicates with DLedger.",
  check: (input) =>
    input.nodes
      .filter((n) => n.props.enableControllerMode?.toLowerCase() === "true" && isDLedgerEnabled(n))
      .map((node) => ({
        message: `${nodeLabel(node)} enables both controller mode and DLedger.`,
        location: nodeLocation(node, "enableControllerMode"),
      })),
};

export const versionVulnerable: LintRule = {
  id: "rocketmq-version-cve",
  severity: "warning",
  summary: "The RocketMQ version is affected by CVE-2023-33246 / CVE-2023-37582 (unauthenticated remote code execution).",
  hint: "Upgrade to 4.9.7+ or 5.1.2+, and keep the broker and NameServer ports off untrusted networks.",
  check: (input) => {
    const version = input.rocketmqVersion;
    const advisories = version === undefined ? [] : knownVulnerabilities(version);
    if (advisories.length === 0) return [];
    return [{ message: `RocketMQ ${version} is affected by ${advisories.join(" and ")}.`, location: {} }];
  },
};

export const clusterRules = [
  clusterNameInconsistent,
  dledgerNotEnabled,
  dledgerIgnoredKey,
  dledgerHaKey,
  controllerModeConflict,
  versionVulnerable,
];
