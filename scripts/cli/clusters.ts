import { clusterListResponse } from "../../lib/http/openapi-responses";
import type { PanelClient } from "./client";
import { CliError } from "./errors";
import { type Output, show, table, when } from "./output";

type Cluster = (typeof clusterListResponse._output)[number];

export async function listClusters(client: PanelClient, output: Output): Promise<void> {
  const clusters = await client.get("/api/clusters", clusterListResponse);
  show(output, clusters, () =>
    table(
      ["NAME", "ID", "VERSION", "DESIRED", "DEPLOYED", "GROUPS"],
      clusters.map((c) => [
        c.name,
        c.id,
        c.rocketmqVersion,
        c.desiredRevision ? `r${c.desiredRevision.number}` : "-",
        when(c.deployedAt),
        String(c._count.groups),
      ]),
    ),
  );
}

/** A cluster named on the command line by its name or its id. */
export async function findCluster(client: PanelClient, nameOrId: string): Promise<Cluster> {
  const clusters = await client.get("/api/clusters", clusterListResponse);
  const found = clusters.find((c) => c.id === nameOrId) ?? clusters.find((c) => c.name === nameOrId);
  if (!found) throw new CliError(`no cluster named "${nameOrId}" (rmq-panel clusters ls lists them)`);
  return found;
}
