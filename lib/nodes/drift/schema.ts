import type { Message } from "../../i18n/message";

// Pure types of a drift check, shared by lib/nodes/drift (which reads hosts), the reconcile plan and the browser.

/**
 * What a host actually runs compared with the deployed revision: a hand-edited or missing conf,
 * a node stopped or restarted with something else behind the panel's back, a RocketMQ process the panel did not
 * start, a host that did not answer.
 */
export type DriftKind = "conf-edited" | "conf-missing" | "stopped" | "other-launch" | "unknown-process" | "host-unreachable";

export interface DriftItem {
  kind: DriftKind;
  hostId: string;
  hostName: string;
  /** processKey of the managed process; null for an unknown process or an unreachable host. */
  process: string | null;
  /** "suzhou@broker n1", or for an unknown process "pid 4242 BrokerStartup -c /root/broker.conf". */
  label: string;
  detail: Message;
}

/** The last drift check of a cluster. */
export interface ClusterDrift {
  /** ISO time of the check. */
  checkedAt: string;
  /** The deployed revision it compared with. */
  revision: number;
  inSync: boolean;
  hostsChecked: number;
  items: DriftItem[];
}
