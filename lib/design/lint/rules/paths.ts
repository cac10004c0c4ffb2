import type { LintRule, RuleHit } from "../types";
import { nodeLocation } from "../types";
import type { LintInput, NodeView } from "../../model/node-view";
import { hostLabel, nodeLabel } from "../../model/node-view";
import { isSameOrInside, normalizePath } from "../../model/paths";
import { isVersion5 } from "../../model/version";
import { commitLogOf, nodesByHost, pairs, storeRootOf } from "./facts";

interface StorePath {
  key: "storePathRootDir" | "storePathCommitLog";
  path: string;
}

function storePaths(node: NodeView, version: string | undefined): StorePath[] {
  return [
    { key: "storePathRootDir", path: normalizePath(storeRootOf(node)) },
    { key: "storePathCommitLog", path: normalizePath(commitLogOf(node, version)) },
  ];
}

function overlap(a: NodeView, b: NodeView, version: string | undefined): string | undefined {
  for (const pa of storePaths(a, version)) {
    for (const pb of storePaths(b, version)) {
      if (pa.path === pb.path) return `both use ${pa.path} (${pa.key} of ${nodeLabel(a)}, ${pb.key} of ${nodeLabel(b)})`;
      if (isSameOrInside(pa.path, pb.path))
        return `${pa.key} ${pa.path} of ${nodeLabel(a)} lies inside ${pb.key} ${pb.path} of ${nodeLabel(b)}`;
      if (isSameOrInside(pb.path, pa.path))
        return `${pb.key} ${pb.path} of ${nodeLabel(b)} lies inside ${pa.key} ${pa.path} of ${nodeLabel(a)}`;
    }
  }
  return undefined;
}

function checkCollisions(input: LintInput): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const nodes of nodesByHost(input.nodes).values()) {
    for (const [a, b] of pairs(nodes)) {
      const why = overlap(a, b, input.rocketmqVersion);
      if (!why) continue;
      const message = `On ${hostLabel(b.host!)}, ${why}; the second broker stops with "Lock failed, MQ already started" or corrupts the first one's data.`;
      hits.push({ message, location: nodeLocation(b, "storePathRootDir") });
    }
  }
  return hits;
}

export const storePathCollision: LintRule = {
  id: "store-path-collision",
  severity: "error",
  summary: "Two brokers on one host share a store directory, or one's directory lies inside the other's.",
  hint: "Give each broker on a host its own storePathRootDir (for example /opt/rocketmq/store/<brokerName>-<selfId>) with storePathCommitLog under it.",
  check: checkCollisions,
};

export const storeCommitLogImplicit: LintRule = {
  id: "store-commitlog-implicit",
  severity: "warning",
  summary: "storePathRootDir is set but storePathCommitLog is not; RocketMQ 4.9.x then writes the commit log to ~/store/commitlog.",
  hint: "Set storePathCommitLog explicitly, normally <storePathRootDir>/commitlog.",
  check: (input) => {
    if (input.rocketmqVersion !== undefined && isVersion5(input.rocketmqVersion)) return [];
    return input.nodes
      .filter((n) => n.props.storePathRootDir !== undefined && n.props.storePathCommitLog === undefined)
      .map((node) => ({
        message: `${nodeLabel(node)} sets storePathRootDir but not storePathCommitLog, so its commit log goes to ~/store/commitlog.`,
        location: nodeLocation(node, "storePathCommitLog"),
      }));
  },
};

export const storePathNotAbsolute: LintRule = {
  id: "store-path-not-absolute",
  severity: "warning",
  summary: "A store path is relative, so it depends on the directory the broker happens to be started from.",
  hint: "Use an absolute path such as /opt/rocketmq/store/<brokerName>-<selfId>.",
  check: (input) =>
    input.nodes.flatMap((node) =>
      (["storePathRootDir", "storePathCommitLog"] as const)
        .filter((key) => node.props[key] !== undefined && !/^[/~]/.test(node.props[key]))
        .map((key) => ({
          message: `${key} "${node.props[key]}" of ${nodeLabel(node)} is not an absolute path.`,
          location: nodeLocation(node, key),
        })),
    ),
};

const TEMPORARY_DIRS = ["/tmp", "/var/tmp", "/dev/shm"];

export const storePathTemporary: LintRule = {
  id: "store-path-temporary",
  severity: "warning",
  summary: "A store path lies under /tmp (as in conf/dledger's examples), which the OS may empty at reboot or hold in memory.",
  hint: "Keep broker data on a persistent disk, for example /opt/rocketmq/store/<brokerName>-<selfId>.",
  check: (input) =>
    input.nodes.flatMap((node) =>
      (["storePathRootDir", "storePathCommitLog"] as const)
        .filter((key) => node.props[key] !== undefined && TEMPORARY_DIRS.some((dir) => isSameOrInside(node.props[key], dir)))
        .map((key) => ({
          message: `${key} ${node.props[key]} of ${nodeLabel(node)} is in a temporary directory.`,
          location: nodeLocation(node, key),
        })),
    ),
};

export const pathRules = [storePathCollision, storeCommitLogImplicit, storePathNotAbsolute, storePathTemporary];
