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
  spec: ClusterSpec;
  /** Every process of the revision (a step needs its group's other members too). */
  layouts: NodeLayout[];
  connections: HostConnections;
  rocketmq: RocketmqClient;
  /** Brokers this run restarted, as `${brokerName}/${selfId}`: fresh and caught up, the preferred new leaders. */
  restarted: Set<string>;
}
