import type { LintInput, NodeView } from "../model/node-view";
import { selfIdOf } from "../model/node-view";

export type Severity = "error" | "warning" | "info";

export interface FindingLocation {
  /** brokerName of the group. */
  group?: string;
  /** dLegerSelfId of the node. */
  node?: string;
  /** Address of the host. */
  host?: string;
  /** Property key. */
  key?: string;
  /** Imported file name. */
  file?: string;
}

export interface RuleHit {
  message: string;
  location: FindingLocation;
}

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: what goes wrong in the cluster when the rule fires. */
  summary: string;
  /** How to fix it. */
  hint: string;
  check(input: LintInput): RuleHit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  hint: string;
  location: FindingLocation;
}

export function nodeLocation(node: NodeView, key?: string): FindingLocation {
  const location: FindingLocation = { group: node.group };
  const selfId = selfIdOf(node);
  if (selfId) location.node = selfId;
  if (node.host) location.host = node.host.address;
  if (key) location.key = key;
  if (node.file) location.file = node.file;
  return location;
}
