import type { OperationPlan, PlannedNode, PlannedRole } from "@/lib/operations/schema";
import { DiffView } from "../clusters/diff-view";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Table } from "../ui/data-table";

const ROLE_TONE: Record<PlannedRole, "info" | "neutral" | "bad" | "warn"> = {
  leader: "info",
  follower: "neutral",
  candidate: "warn",
  down: "bad",
  unknown: "warn",
  namesrv: "neutral",
};

/** The body of a plan: for an apply the config changes first, then every node in the order the job takes them, then the warnings. */
export function PlanDetails({ plan }: { plan: OperationPlan }) {
  return (
    <div className="space-y-4">
      {plan.diff && (
        <section aria-label="Config changes" className="space-y-2">
          <h3 className="text-sm font-semibold">Config changes from the deployed revision to #{plan.revision}</h3>
          <DiffView diffs={plan.diff} />
        </section>
      )}
      <section aria-label="Nodes in order" className="space-y-2">
        <h3 className="text-sm font-semibold">
          {plan.nodes.length === 1 ? "1 node" : `${plan.nodes.length} nodes, in this order`}
          <span className="font-normal text-slate-500"> · started with revision #{plan.revision}&apos;s config</span>
        </h3>
        <Table<PlannedNode>
          label="Plan per node"
          testId="operation-nodes"
          rows={plan.nodes}
          rowKey={(node) => node.key}
          rowData={(node) => ({ "data-step": node.key })}
          columns={[
            { key: "order", header: "#", value: (node) => plan.nodes.indexOf(node) + 1 },
            {
              key: "node",
              header: "Node",
              value: (node) => node.label,
              render: (node) => <span className="font-mono text-xs leading-5">{node.label}</span>,
            },
            {
              key: "host",
              header: "Host",
              value: (node) => node.hostName,
              render: (node) => (
                <>
                  {node.hostName} <span className="font-mono text-xs text-slate-500">{node.address}</span>
                </>
              ),
            },
            {
              key: "role",
              header: "Role",
              value: (node) => node.role,
              render: (node) => <Badge tone={ROLE_TONE[node.role]}>{node.role === "namesrv" ? "NameServer" : node.role}</Badge>,
            },
            { key: "what", header: "What happens", value: (node) => node.what },
          ]}
        />
      </section>
      {plan.warnings.length > 0 && (
        <Alert tone="warning">
          <ul data-testid="operation-warnings" className="list-disc space-y-1 pl-4">
            {plan.warnings.map((warning) => (
              <li key={warning}>{warning}</li>
            ))}
          </ul>
        </Alert>
      )}
    </div>
  );
}
