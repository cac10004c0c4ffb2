import { type Message, message } from "../../../i18n/message";
import type { LintRule, RuleHit } from "../types";
import { fixHint, nodeLocation } from "../types";
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

/** How a's and b's store paths on one host overlap, if they do. */
function overlap(host: string, a: NodeView, b: NodeView, version: string | undefined): Message | undefined {
  const inside = (inner: StorePath, innerNode: NodeView, outer: StorePath, outerNode: NodeView) =>
    message("lint.storePathCollision.inside", {
      host,
      key: inner.key,
      path: inner.path,
      node: nodeLabel(innerNode),
      outerKey: outer.key,
      outerPath: outer.path,
      outerNode: nodeLabel(outerNode),
    });
  for (const pa of storePaths(a, version)) {
    for (const pb of storePaths(b, version)) {
      if (pa.path === pb.path) {
        const values = { host, path: pa.path, key: pa.key, node: nodeLabel(a), otherKey: pb.key, otherNode: nodeLabel(b) };
        return message("lint.storePathCollision.message", values);
      }
      if (isSameOrInside(pa.path, pb.path)) return inside(pa, a, pb, b);
      if (isSameOrInside(pb.path, pa.path)) return inside(pb, b, pa, a);
    }
  }
  return undefined;
}

function checkCollisions(input: LintInput): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const nodes of nodesByHost(input.nodes).values()) {
    for (const [a, b] of pairs(nodes)) {
      const text = overlap(hostLabel(b.host!), a, b, input.rocketmqVersion);
      if (text) hits.push({ text, location: nodeLocation(b, "storePathRootDir") });
    }
  }
  return hits;
}

export const storePathCollision: LintRule = {
  id: "store-path-collision",
  severity: "error",
  summary: "Two brokers on one host share a store directory, or one's directory lies inside the other's.",
  ...fixHint("lint.storePathCollision.hint"),
  check: checkCollisions,
};

export const storeCommitLogImplicit: LintRule = {
  id: "store-commitlog-implicit",
  severity: "warning",
  summary: "storePathRootDir is set but storePathCommitLog is not; RocketMQ 4.9.x then writes the commit log to ~/store/commitlog.",
  ...fixHint("lint.storeCommitlogImplicit.hint"),
  check: (input) => {
    if (input.rocketmqVersion !== undefined && isVersion5(input.rocketmqVersion)) return [];
    return input.nodes
      .filter((n) => n.props.storePathRootDir !== undefined && n.props.storePathCommitLog === undefined)
      .map((node) => ({
        text: message("lint.storeCommitlogImplicit.message", { node: nodeLabel(node) }),
        location: nodeLocation(node, "storePathCommitLog"),
      }));
  },
};

export const storePathNotAbsolute: LintRule = {
  id: "store-path-not-absolute",
  severity: "warning",
  summary: "A store path is relative, so it depends on the directory the broker happens to be started from.",
  ...fixHint("lint.storePathNotAbsolute.hint"),
  check: (input) =>
    input.nodes.flatMap((node) =>
      (["storePathRootDir", "storePathCommitLog"] as const)
        .filter((key) => node.props[key] !== undefined && !/^[/~]/.test(node.props[key]))
        .map((key) => ({
          text: message("lint.storePathNotAbsolute.message", { key, path: node.props[key], node: nodeLabel(node) }),
          location: nodeLocation(node, key),
        })),
    ),
};

const TEMPORARY_DIRS = ["/tmp", "/var/tmp", "/dev/shm"];

export const storePathTemporary: LintRule = {
  id: "store-path-temporary",
  severity: "warning",
  summary: "A store path lies under /tmp (as in conf/dledger's examples), which the OS may empty at reboot or hold in memory.",
  ...fixHint("lint.storePathTemporary.hint"),
  check: (input) =>
    input.nodes.flatMap((node) =>
      (["storePathRootDir", "storePathCommitLog"] as const)
        .filter((key) => node.props[key] !== undefined && TEMPORARY_DIRS.some((dir) => isSameOrInside(node.props[key], dir)))
        .map((key) => ({
          text: message("lint.storePathTemporary.message", { key, path: node.props[key], node: nodeLabel(node) }),
          location: nodeLocation(node, key),
        })),
    ),
};

export const pathRules = [storePathCollision, storeCommitLogImplicit, storePathNotAbsolute, storePathTemporary];
