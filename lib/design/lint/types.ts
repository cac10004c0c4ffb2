import { type Message, type MessageKey, type MessageValues, message } from "../../i18n/message";
import { english } from "../../i18n/translate";
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

/** What a rule found where: its text from the catalog, or plain English for a rule the catalog does not know. */
export type RuleHit = { text: Message; location: FindingLocation } | { message: string; location: FindingLocation };

export interface LintRule {
  id: string;
  severity: Severity;
  /** One line: what goes wrong in the cluster when the rule fires. */
  summary: string;
  /** How to fix it, in English. */
  hint: string;
  /** The same from the catalog, in the reader's language; a rule the catalog does not know has none. */
  hintText?: Message;
  check(input: LintInput): RuleHit[];
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  /** In English, as the API, the server's refusals and scripts read it. */
  message: string;
  hint: string;
  /** The message and hint in the reader's language; findings saved before the catalog had them carry only English. */
  text?: Message;
  hintText?: Message;
  location: FindingLocation;
}

/** A rule's fix hint: in English for the API, and as a message for the reader's language. */
export function fixHint(key: MessageKey, values?: MessageValues): { hint: string; hintText: Message } {
  const hintText = message(key, values);
  return { hint: english(hintText), hintText };
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
