"use client";

import { useTranslations } from "next-intl";
import type { GroupSnapshot, NodeSnapshot, TopologySnapshot } from "@/lib/topology/model";
import type { OperationAccess } from "../operations/access";
import { OperationButton } from "../operations/operation-button";

// The dashboard's operation buttons. `access` is null for viewers and for attached clusters, and then no button shows.

/** Restart, stop and start of the node the panel shows. Plain names: the panel itself names the node. */
export function NodeActions({ access, node }: { access: OperationAccess; node: NodeSnapshot }) {
  const t = useTranslations("topology.actions");
  const target = { kind: "node" as const, brokerName: node.brokerName, selfId: node.selfId };
  return (
    <fieldset aria-label={t("node")} className="flex flex-wrap gap-2">
      <OperationButton access={access} request={{ action: "restart", target }}>
        {t("restart")}
      </OperationButton>
      <OperationButton access={access} request={{ action: "stop", target }}>
        {t("stop")}
      </OperationButton>
      <OperationButton access={access} request={{ action: "start", target }}>
        {t("start")}
      </OperationButton>
    </fieldset>
  );
}

/**
 * The selected node's group, beside the node panel rather than in it: "Rolling restart …" inside the panel would
 * also answer to a search for its "Restart" button.
 */
export function GroupActions({ access, group }: { access: OperationAccess; group: GroupSnapshot }) {
  const t = useTranslations("topology.actions");
  return (
    <section
      aria-label={t("group", { group: group.brokerName })}
      className="space-y-2 rounded-lg border border-slate-200 bg-white p-4 text-sm shadow-sm"
    >
      <h2 className="font-mono text-base font-semibold">{group.brokerName}</h2>
      <p className="text-slate-600">{t("groupHelp")}</p>
      <OperationButton access={access} request={{ action: "restart", target: { kind: "group", brokerName: group.brokerName } }}>
        {t("rollingRestartGroup", { group: group.brokerName })}
      </OperationButton>
    </section>
  );
}

/** The dashboard's cluster-wide action, or for an attached cluster the reason there is none. */
export function ClusterActions({ access, snapshot }: { access: OperationAccess | null; snapshot: TopologySnapshot }) {
  const t = useTranslations("topology.actions");
  if (!access) return null;
  if (snapshot.source === "attached") {
    return (
      <p data-testid="operations-unavailable" className="text-xs text-slate-500">
        {t("unavailable")}
      </p>
    );
  }
  return (
    <OperationButton access={access} request={{ action: "restart", target: { kind: "cluster" } }} clusterName={snapshot.brokerClusterName}>
      {t("rollingRestartCluster")}
    </OperationButton>
  );
}
