import type { OperationPlan, PlannedRole } from "@/lib/operations/schema";
import { DiffView } from "../clusters/diff-view";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";

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
        <table data-testid="operation-nodes" className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="py-1 pr-2 font-medium">#</th>
              <th className="py-1 pr-2 font-medium">Node</th>
              <th className="py-1 pr-2 font-medium">Host</th>
              <th className="py-1 pr-2 font-medium">Role</th>
              <th className="py-1 font-medium">What happens</th>
            </tr>
          </thead>
          <tbody>
            {plan.nodes.map((node, i) => (
              <tr key={node.key} data-step={node.key} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-2 text-slate-500">{i + 1}</td>
                <td className="py-1 pr-2 font-mono text-xs leading-5">{node.label}</td>
                <td className="py-1 pr-2">
                  {node.hostName} <span className="font-mono text-xs text-slate-500">{node.address}</span>
                </td>
                <td className="py-1 pr-2">
                  <Badge tone={ROLE_TONE[node.role]}>{node.role === "namesrv" ? "NameServer" : node.role}</Badge>
                </td>
                <td className="py-1 text-slate-700">{node.what}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
