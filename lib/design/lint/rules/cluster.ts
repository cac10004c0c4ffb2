import { type Message, message, messageList } from "../../../i18n/message";
import type { LintRule } from "../types";
import { fixHint, nodeLocation } from "../types";
import { type NodeView, nodeLabel } from "../../model/node-view";
import { DLEDGER_IDLE_SPIN, knownVulnerabilities, upgradeTarget, versionAdvisories } from "../../model/version";
import { isDLedgerEnabled, MISSING } from "./facts";

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
  ...fixHint("lint.clusterNameInconsistent.hint"),
  check: (input) => {
    const names = [...new Set(input.nodes.map((n) => n.props.brokerClusterName ?? DEFAULT_CLUSTER_NAME))];
    if (names.length < 2) return [];
    return [{ text: message("lint.clusterNameInconsistent.message", { names: names.join(", ") }), location: { key: "brokerClusterName" } }];
  },
};

export const dledgerNotEnabled: LintRule = {
  id: "dledger-not-enabled",
  severity: "error",
  summary: "enableDLegerCommitLog is not true, so the broker runs as a plain master/slave broker and ignores dLegerPeers.",
  ...fixHint("lint.dledgerNotEnabled.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => !isDLedgerEnabled(n))
      .map((node) => ({
        text: message("lint.dledgerNotEnabled.message", { node: nodeLabel(node), value: node.props.enableDLegerCommitLog ?? MISSING }),
        location: nodeLocation(node, "enableDLegerCommitLog"),
      })),
};

/** Why a brokerRole/brokerId value on a DLedger broker is wrong: BrokerStartup checks the role before DLedger takes over. */
function decidedKeyMessage(node: NodeView, key: string): Message {
  const values = { node: nodeLabel(node), value: node.props[key] };
  const brokerId = Number(node.props.brokerId ?? "0");
  if (key === "brokerRole" && values.value === "SLAVE" && !(brokerId > 0)) return message("lint.dledgerIgnoredKey.slave", values);
  if (key === "brokerRole") return message("lint.dledgerIgnoredKey.role", values);
  return message("lint.dledgerIgnoredKey.brokerId", values);
}

export const dledgerIgnoredKey: LintRule = {
  id: "dledger-ignored-key",
  severity: "error",
  summary:
    "brokerRole or brokerId is set on a DLedger broker, where the Raft election decides both; brokerRole=SLAVE without a brokerId stops the broker from starting.",
  ...fixHint("lint.dledgerIgnoredKey.hint"),
  check: (input) =>
    input.nodes.filter(isDLedgerEnabled).flatMap((node) =>
      DECIDED_BY_DLEDGER.filter((key) => node.props[key] !== undefined).map((key) => ({
        text: decidedKeyMessage(node, key),
        location: nodeLocation(node, key),
      })),
    ),
};

export const dledgerHaKey: LintRule = {
  id: "dledger-ha-key",
  severity: "info",
  summary:
    "A setting of the master/slave HA service is set on a DLedger broker, which never starts that service: DLedger replicates the commit log itself.",
  ...fixHint("lint.dledgerHaKey.hint"),
  check: (input) =>
    input.nodes.filter(isDLedgerEnabled).flatMap((node) =>
      HA_SERVICE_KEYS.filter((key) => node.props[key] !== undefined).map((key) => ({
        text: message("lint.dledgerHaKey.message", { key, value: node.props[key], node: nodeLabel(node) }),
        location: nodeLocation(node, key),
      })),
    ),
};

export const controllerModeConflict: LintRule = {
  id: "controller-mode-conflict",
  severity: "error",
  summary: "enableControllerMode and enableDLegerCommitLog are both true; a 5.x broker refuses to start (exit code -4).",
  ...fixHint("lint.controllerModeConflict.hint"),
  check: (input) =>
    input.nodes
      .filter((n) => n.props.enableControllerMode?.toLowerCase() === "true" && isDLedgerEnabled(n))
      .map((node) => ({
        text: message("lint.controllerModeConflict.message", { node: nodeLabel(node) }),
        location: nodeLocation(node, "enableControllerMode"),
      })),
};

export const versionVulnerable: LintRule = {
  id: "rocketmq-version-cve",
  severity: "warning",
  summary: "The RocketMQ version is affected by CVE-2023-33246 / CVE-2023-37582 (unauthenticated remote code execution).",
  ...fixHint("lint.rocketmqVersionCve.hint"),
  check: (input) => {
    const version = input.rocketmqVersion;
    const advisories = version === undefined ? [] : knownVulnerabilities(version);
    if (version === undefined || advisories.length === 0) return [];
    return [{ text: message("lint.rocketmqVersionCve.message", { version, advisories: messageList("and", advisories) }), location: {} }];
  },
};

// The release a 4.x cluster upgrades to, from the pins (lib/rocketmq/versions.ts); the spin is a 4.x defect only.
const IDLE_SPIN_TARGET = upgradeTarget("4.0.0");

export const dledgerIdleSpin: LintRule = {
  id: "rocketmq-dledger-idle-spin",
  severity: "warning",
  summary: "The RocketMQ version ships a DLedger whose idle leader spins two threads at full CPU (apache/rocketmq #4415, fixed in 4.9.4).",
  ...fixHint("lint.rocketmqDledgerIdleSpin.hint", { target: IDLE_SPIN_TARGET ?? "4.9.4" }),
  check: (input) => {
    const version = input.rocketmqVersion;
    if (version === undefined || !input.nodes.some(isDLedgerEnabled)) return [];
    const spin = versionAdvisories(version).find((a) => a.id === DLEDGER_IDLE_SPIN);
    if (!spin) return [];
    return [{ text: message("lint.rocketmqDledgerIdleSpin.message", { version, fixedIn: spin.fixedIn }), location: {} }];
  },
};

export const clusterRules = [
  clusterNameInconsistent,
  dledgerNotEnabled,
  dledgerIgnoredKey,
  dledgerHaKey,
  controllerModeConflict,
  versionVulnerable,
  dledgerIdleSpin,
];
