import "server-only";
import { getBrokerConfig, getBrokerRuntimeInfo } from "./broker";
import {
  type DledgerMember,
  getDledgerMemberState,
  getDledgerMetadata,
  getDledgerTerm,
  type LeadershipTransfer,
  transferDledgerLeadership,
} from "./dledger";
import { getClusterInfo, getNamesrvConfig, getTopicRoute } from "./nameserver";
import { RemotingClient, type RemotingClientOptions } from "./pool";
import type { CallOptions } from "./request";

/**
 * The admin client: NameServer, broker and DLedger calls over one connection pool.
 * Create one per process (or per poller), close it when done: close() releases every socket.
 */
export function createRocketmqClient(options: RemotingClientOptions = {}) {
  const remoting = new RemotingClient(options);
  return {
    getClusterInfo: (namesrv: string, o?: CallOptions) => getClusterInfo(remoting, namesrv, o),
    getTopicRoute: (namesrv: string, topic: string, o?: CallOptions) => getTopicRoute(remoting, namesrv, topic, o),
    getNamesrvConfig: (namesrv: string, o?: CallOptions) => getNamesrvConfig(remoting, namesrv, o),
    getBrokerRuntimeInfo: (broker: string, o?: CallOptions) => getBrokerRuntimeInfo(remoting, broker, o),
    getBrokerConfig: (broker: string, o?: CallOptions) => getBrokerConfig(remoting, broker, o),
    getDledgerMetadata: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerMetadata(remoting, address, member, o),
    getDledgerTerm: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerTerm(remoting, address, member, o),
    getDledgerMemberState: (address: string, member: DledgerMember, o?: CallOptions) => getDledgerMemberState(remoting, address, member, o),
    transferDledgerLeadership: (leaderAddress: string, transfer: LeadershipTransfer, o?: CallOptions) =>
      transferDledgerLeadership(remoting, leaderAddress, transfer, o),
    /** Addresses with an open pooled connection. */
    openAddresses: () => remoting.openAddresses,
    close: () => remoting.close(),
  };
}

export type RocketmqClient = ReturnType<typeof createRocketmqClient>;
