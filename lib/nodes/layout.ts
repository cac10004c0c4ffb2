import { createHash } from "node:crypto";
import { brokerFilePath, brokerJvmOptions, nameServerFilePath, nodeAddress, type ClusterSpec, type RenderedFile } from "../design";
import { safeFileSegment } from "../design/model/paths";
import { StepFailure } from "../jobs/model";
import { message } from "../i18n/message";

// Where everything lives on a host. One folder per process, so several brokers share a host without sharing
// a pidfile, a log folder or a config file:
//   <installDir>/rocketmq-<version>/            the distribution (ROCKETMQ_HOME), unpacked once per version
//   <installDir>/downloads/rocketmq-<version>.tar.gz
//   <installDir>/nodes/<node>/<conf file>       broker-n0.conf or <addr>-<port>.properties (previous as .prev)
//   <installDir>/nodes/<node>/run.pid           the JVM's pid, written by bin/mqbroker --pidfile
//   <installDir>/nodes/<node>/run.pid.launch    fingerprint of the conf + JVM options it was started with
//   <installDir>/nodes/<node>/logs/             ROCKETMQ_LOG_DIR

export interface NodeLayout {
  /** Folder name under nodes/, unique on the host. */
  key: string;
  /** For people: "NameServer :9876", "suzhou@broker n0". */
  label: string;
  kind: "namesrv" | "broker";
  hostId: string;
  dir: string;
  confPath: string;
  pidfile: string;
  logDir: string;
  /** Every port the process listens on; each must be free before its first start. */
  ports: number[];
  /** ip:port the panel dials to know the process is up (NameServer port, broker listenPort). */
  address: string;
  javaOptExt: string;
  file: RenderedFile;
  /** sha256 of what the process is started with: conf, JVM options, distribution. Equal = nothing to restart. */
  launchFingerprint: string;
  storePaths: string[];
  broker?: { brokerName: string; dLegerGroup: string; selfId: string; dledgerAddress: string };
}

/** Unique in a cluster: the layout key is unique on its host only (two hosts each run "namesrv-9876"). */
export const processKey = (node: NodeLayout) => `${node.hostId}/${node.key}`;

export function distributionHome(spec: ClusterSpec): string {
  return `${spec.cluster.installDir}/rocketmq-${spec.cluster.rocketmqVersion}`;
}

export function remoteTarballPath(spec: ClusterSpec): string {
  return `${spec.cluster.installDir}/downloads/rocketmq-${spec.cluster.rocketmqVersion}.tar.gz`;
}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

function fileFor(files: RenderedFile[], path: string): RenderedFile {
  const file = files.find((f) => f.path === path);
  if (!file) throw new StepFailure(message("jobLog.node.noRenderedFile", { path }));
  return file;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** Every process of the cluster with its place on its host: NameServers first, then brokers in group order. */
export function nodeLayouts(spec: ClusterSpec, files: RenderedFile[], nameServerJvmOptions: string): NodeLayout[] {
  const home = distributionHome(spec);
  const place = (key: string, file: RenderedFile, javaOptExt: string) => {
    const dir = `${spec.cluster.installDir}/nodes/${key}`;
    return {
      key,
      dir,
      confPath: `${dir}/${basename(file.path)}`,
      pidfile: `${dir}/run.pid`,
      logDir: `${dir}/logs`,
      file,
      javaOptExt,
      launchFingerprint: sha256([file.content, javaOptExt, home].join("\n--\n")),
    };
  };
  const nameServers = spec.nameServers.map((ns): NodeLayout => {
    const file = fileFor(files, nameServerFilePath(ns));
    return {
      ...place(`namesrv-${ns.port}`, file, nameServerJvmOptions),
      label: `NameServer :${ns.port}`,
      kind: "namesrv",
      hostId: ns.hostId,
      ports: [ns.port],
      address: `${ns.address}:${ns.port}`,
      storePaths: [],
    };
  });
  const brokers = spec.groups.flatMap((group) =>
    group.nodes.map((node): NodeLayout => {
      const file = fileFor(files, brokerFilePath(group, node));
      const ip = nodeAddress(node);
      return {
        ...place(`broker-${safeFileSegment(group.brokerName)}-${node.selfId}`, file, brokerJvmOptions(node).join(" ")),
        label: `${group.brokerName} ${node.selfId}`,
        kind: "broker",
        hostId: node.hostId,
        // listenPort - 2 is the fast channel; 4.9.x forces the HA port to listenPort + 1.
        ports: [node.listenPort - 2, node.listenPort, node.listenPort + 1, node.dLegerPort],
        address: `${ip}:${node.listenPort}`,
        storePaths: [node.storePathRootDir, node.storePathCommitLog],
        broker: {
          brokerName: group.brokerName,
          dLegerGroup: group.dLegerGroup,
          selfId: node.selfId,
          dledgerAddress: `${ip}:${node.dLegerPort}`,
        },
      };
    }),
  );
  return [...nameServers, ...brokers];
}
