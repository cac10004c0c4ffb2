import { useTranslations } from "next-intl";
import type { z } from "zod";
import type { operationRequestSchema, OperationTarget } from "@/lib/operations/schema";

/** The node or nodes a target names, as the server's plan labels them ("suzhou@broker n1", "NameServer 10.0.0.1:9876"). */
function targetName(target: OperationTarget, clusterName: string): string {
  switch (target.kind) {
    case "node":
      return `${target.brokerName} ${target.selfId}`;
    case "namesrv":
      return `NameServer ${target.address}`;
    case "group":
      return target.brokerName;
    case "cluster":
      return clusterName;
  }
}

/**
 * The confirm button's text: it names the action and what it acts on, so the last click says what it does. Also
 * the dialog's name until the server's plan title arrives.
 */
export function useOperationLabel(): (request: OperationInput, clusterName?: string) => string {
  const t = useTranslations("operations.label");
  return (request, clusterName) => {
    if (request.action === "apply") return t("apply", { revision: String(request.revision) });
    const { target } = request;
    const name = targetName(target, clusterName ?? t("cluster"));
    // A restart of more than one node always goes one node at a time.
    if (request.action === "restart" && (target.kind === "group" || target.kind === "cluster")) return t("rolling", { target: name });
    if (target.kind === "group" || target.kind === "cluster") return t("everyNode", { action: request.action, target: name });
    return t("one", { action: request.action, target: name });
  };
}

/** What callers hand over: `force` is the dialog's own choice, so it may be left out. */
export type OperationInput = z.input<typeof operationRequestSchema>;
