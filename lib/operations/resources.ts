import "server-only";
import type { Job } from "../db/generated/client";
import type { ClusterSpec } from "../design";
import type { HostConnections } from "../nodes/connections";
import type { NodeLayout } from "../nodes/layout";
import type { RocketmqClient } from "../rocketmq";
import type { OperationParams } from "./schema";

/** What every step of one run shares. */
export interface OperationResources {
  job: Job;
  params: OperationParams;
  /** The revision the job carries the cluster to (for restart, stop and start: the deployed one). */
  spec: ClusterSpec;
  /** Every process of that revision (a step needs its group's other members too). */
  layouts: NodeLayout[];
  /**
   * apply: the revision deployed when the job was planned, and its processes: what runs before a step, the
   * release a failed upgrade rolls back to, and the processes the applied revision removes. Else the same as above.
   */
  fromSpec: ClusterSpec;
  fromLayouts: NodeLayout[];
  connections: HostConnections;
  rocketmq: RocketmqClient;
  /** Brokers this run restarted, as `${brokerName}/${selfId}`: fresh and caught up, the preferred new leaders. */
  restarted: Set<string>;
}
