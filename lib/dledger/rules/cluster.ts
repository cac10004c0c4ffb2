import type { LintRule } from "../lint-types";
import { nodeLocation } from "../lint-types";
import { nodeLabel } from "../node-view";
import { knownVulnerabilities } from "../version";
import { isDLedgerEnabled } from "./facts";

const DEFAULT_CLUSTER_NAME = "DefaultCluster";
// In DLedger mode the broker sets brokerId to -1 at start and Raft decides the role.
const IGNORED_IN_DLEDGER = ["brokerId", "brokerRole"];

export const clusterNameInconsistent: LintRule = {
  id: "cluster-name-inconsistent",
  severity: "error",
  summary: "Brokers of one cluster use different brokerClusterName values (a missing one means DefaultCluster), so they show up as separate clusters.",
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

export const dledgerIgnoredKey: LintRule = {
  id: "dledger-ignored-key",
  severity: "info",
  summary: "brokerId and brokerRole are ignored in DLedger mode; the Raft election decides them.",
  hint: "Remove brokerId and brokerRole to avoid suggesting a fixed master.",
  check: (input) =>
    input.nodes.flatMap((node) =>
      IGNORED_IN_DLEDGER.filter((key) => node.props[key] !== undefined).map((key) => ({
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

export const clusterRules = [clusterNameInconsistent, dledgerNotEnabled, dledgerIgnoredKey, controllerModeConflict, versionVulnerable];
