import type { z } from "zod";
import type { operationRequestSchema, OperationTarget } from "@/lib/operations/schema";

const VERB = { restart: "Restart", stop: "Stop", start: "Start" } as const;

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
export function operationLabel(request: OperationInput, clusterName = "cluster"): string {
  if (request.action === "apply") return `Apply revision #${request.revision}`;
  const { target } = request;
  // A restart of more than one node always goes one node at a time.
  if (request.action === "restart" && (target.kind === "group" || target.kind === "cluster"))
    return `Rolling restart ${targetName(target, clusterName)}`;
  if (target.kind === "group" || target.kind === "cluster")
    return `${VERB[request.action]} every node of ${targetName(target, clusterName)}`;
  return `${VERB[request.action]} ${targetName(target, clusterName)}`;
}

/** What callers hand over: `force` is the dialog's own choice, so it may be left out. */
export type OperationInput = z.input<typeof operationRequestSchema>;
