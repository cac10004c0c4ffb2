import "server-only";
import type { Host, Job } from "../db/generated/client";
import type { ClusterSpec, RenderedFile } from "../design";
import type { RocketmqClient } from "../rocketmq";
import type { SshSession } from "../ssh";
import type { HostConnections } from "../nodes/connections";
import type { NodeLayout } from "../nodes/layout";
import type { DeployParams } from "./schema";

/** What every step of one deploy run shares: the revision, the hosts, their SSH sessions, the admin client. */
export interface DeployResources {
  job: Job;
  params: DeployParams;
  spec: ClusterSpec;
  files: RenderedFile[];
  layouts: NodeLayout[];
  connections: HostConnections;
  rocketmq: RocketmqClient;
}

export interface HostStepInput {
  resources: DeployResources;
  host: Host;
  session: SshSession;
  nodes: NodeLayout[];
}
