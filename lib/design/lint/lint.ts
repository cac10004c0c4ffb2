import type { Finding, LintRule, RuleHit, Severity } from "./types";
import type { LintInput } from "../model/node-view";
import { lintInputFromSpec } from "../model/node-view";
import { clusterRules } from "./rules/cluster";
import { groupRules } from "./rules/group";
import { keyRules } from "./rules/keys";
import { memoryRules } from "./rules/memory";
import { networkRules } from "./rules/network";
import { pathRules } from "./rules/paths";
import { peerRules } from "./rules/peers";
import { portRules } from "./rules/ports";
import { selfIdRules } from "./rules/self-id";
import type { ClusterSpec } from "../model/schema";
import { english } from "../../i18n/translate";

export const LINT_RULES: readonly LintRule[] = [
  ...portRules,
  ...pathRules,
  ...peerRules,
  ...selfIdRules,
  ...groupRules,
  ...networkRules,
  ...clusterRules,
  ...keyRules,
  ...memoryRules,
];

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function locationKey(f: Finding): string {
  const l = f.location;
  return [l.group ?? "", l.node ?? "", l.file ?? "", l.host ?? "", l.key ?? ""].join("\u0000");
}

export function compareFindings(a: Finding, b: Finding): number {
  return (
    SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
    a.ruleId.localeCompare(b.ruleId) ||
    locationKey(a).localeCompare(locationKey(b)) ||
    a.message.localeCompare(b.message)
  );
}

function finding({ id: ruleId, severity, hint, hintText }: LintRule, hit: RuleHit): Finding {
  const [message, text] = "text" in hit ? [english(hit.text), hit.text] : [hit.message, undefined];
  return { ruleId, severity, message, hint, text, hintText, location: hit.location };
}

/** Runs every rule over brokers as they will run (properties + host); errors first. */
export function lintNodes(input: LintInput, rules: readonly LintRule[] = LINT_RULES): Finding[] {
  return rules.flatMap((rule) => rule.check(input).map((hit) => finding(rule, hit))).sort(compareFindings);
}

export function lintSpec(spec: ClusterSpec): Finding[] {
  return lintNodes(lintInputFromSpec(spec));
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
