import "server-only";
import { AppError } from "../errors";
import { message as said } from "../i18n/message";
import type { RocketmqClient } from "../rocketmq";
import { identityFromConfig, learnIdentity, type TopologyLayout } from "./layout";
import { versionFromDesc } from "./readings";

export interface Discovery {
  brokerClusterName: string;
  /** e.g. "4.9.3", from the first broker that answered GET_BROKER_RUNTIME_INFO. */
  version: string | null;
  layout: TopologyLayout;
  nameServers: { address: string; error: string | null }[];
}

const TIMEOUT_MS = 3_000;
const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * What an attached cluster looks like, from the cluster itself: the NameServers' cluster info lists the brokers,
 * each broker's live config (GET_BROKER_CONFIG) gives its DLedger group, selfId and dLegerPeers, which name every
 * member, including members the NameServer no longer lists because they are down.
 */
export async function discoverCluster(
  rocketmq: RocketmqClient,
  input: { nameServers: string[]; brokerClusterName?: string },
  datacenterOf: (host: string) => string | null,
): Promise<Discovery> {
  const answers = await Promise.all(
    input.nameServers.map(async (address) => {
      try {
        return { address, info: await rocketmq.getClusterInfo(address, { timeoutMs: TIMEOUT_MS }), error: null };
      } catch (error) {
        return { address, info: null, error: message(error) };
      }
    }),
  );
  const infos = answers.flatMap((a) => (a.info ? [a.info] : []));
  if (infos.length === 0) {
    throw new AppError(
      said("errors.topology.namesrvUnreachable", { answers: answers.map((a) => a.error).join("; ") }),
      422,
      "namesrv_unreachable",
    );
  }
  const clusterNames = [...new Set(infos.flatMap((info) => info.clusters.map((c) => c.name)))].sort();
  const brokerClusterName = chooseCluster(clusterNames, input.brokerClusterName);
  const addresses = new Set(
    infos.flatMap((info) =>
      info.clusters
        .filter((c) => c.name === brokerClusterName)
        .flatMap((c) => c.brokerGroups.flatMap((g) => g.members.map((m) => m.address))),
    ),
  );

  let layout: TopologyLayout = { brokerClusterName, nameServers: input.nameServers, groups: [] };
  const problems: string[] = [];
  const notDledger: string[] = [];
  await Promise.all(
    [...addresses].map(async (address) => {
      try {
        const config = await rocketmq.getBrokerConfig(address, { timeoutMs: TIMEOUT_MS });
        const identity = identityFromConfig(address, config);
        if (identity) layout = learnIdentity(layout, identity, datacenterOf);
        else notDledger.push(`${config.brokerName ?? address} (${address})`);
      } catch (error) {
        problems.push(`${address}: ${message(error)}`);
      }
    }),
  );
  if (notDledger.length > 0) {
    throw new AppError(said("errors.topology.notDledger", { brokers: notDledger.sort().join(", ") }), 422, "not_dledger");
  }
  if (layout.groups.length === 0) {
    const why =
      addresses.size === 0
        ? said("errors.topology.noBrokersListed", { cluster: brokerClusterName })
        : said("errors.topology.noBrokerAnswered", { cluster: brokerClusterName, problems: problems.join("; ") });
    throw new AppError(why, 422, "no_brokers");
  }
  return {
    brokerClusterName,
    version: await firstVersion(rocketmq, layout),
    layout,
    nameServers: answers.map(({ address, error }) => ({ address, error })),
  };
}

function chooseCluster(names: string[], wanted: string | undefined): string {
  if (wanted) {
    if (!names.includes(wanted)) {
      const listed = names.join(", ");
      throw new AppError(
        listed ? said("errors.topology.unknownCluster", { wanted, names: listed }) : said("errors.topology.unknownClusterNone", { wanted }),
        422,
        "unknown_cluster",
        { brokerClusterName: [listed ? said("errors.topology.notListed", { names: listed }) : said("errors.topology.notListedNone")] },
      );
    }
    return wanted;
  }
  if (names.length === 1) return names[0];
  if (names.length === 0) throw new AppError(said("errors.topology.noClusterYet"), 422, "no_brokers");
  throw new AppError(said("errors.topology.severalClusters", { count: names.length, names: names.join(", ") }), 422, "several_clusters", {
    brokerClusterName: [said("errors.topology.oneOf", { names: names.join(", ") })],
  });
}

async function firstVersion(rocketmq: RocketmqClient, layout: TopologyLayout): Promise<string | null> {
  for (const node of layout.groups.flatMap((g) => g.nodes)) {
    if (!node.brokerAddress) continue;
    try {
      const version = versionFromDesc((await rocketmq.getBrokerRuntimeInfo(node.brokerAddress, { timeoutMs: TIMEOUT_MS })).version);
      if (version) return version;
    } catch {
      // Another member may answer; the version is only a label.
    }
  }
  return null;
}
