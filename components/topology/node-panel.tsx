"use client";

import { useQuery } from "@tanstack/react-query";
import type { GroupSnapshot, NodeSnapshot, TopologySnapshot } from "@/lib/topology/model";
import type { MetricPoint } from "@/lib/topology/store";
import type { OperationAccess } from "../operations/access";
import { Button } from "../ui/button";
import { formatAge, formatBytes, formatRatio, formatTps, HealthBadge, ReadingAge, RoleBadge } from "./format";
import { LineChart } from "./line-chart";
import { NodeActions } from "./operation-controls";
import { fetchSamples } from "./queries";
import { topologyKeys } from "./queries";

const HOUR_MS = 60 * 60_000;

/** One node in detail: addresses, version, uptime, DLedger role and term, lag, the revision it runs, last hour's charts. */
export function NodePanel({
  clusterId,
  snapshot,
  group,
  node,
  now,
  operations,
  onClose,
}: {
  clusterId: string;
  snapshot: TopologySnapshot;
  group: GroupSnapshot;
  node: NodeSnapshot;
  now: number;
  /** null: no buttons (a viewer, or a cluster the panel did not deploy). */
  operations: OperationAccess | null;
  onClose: () => void;
}) {
  const samples = useQuery({
    queryKey: topologyKeys.samples(clusterId, node.key),
    queryFn: () => fetchSamples(clusterId, node.key),
    staleTime: Infinity,
  });
  const runtime = node.runtime.value;
  const config = node.config.value;
  const points = samples.data ?? [];
  const series = (pick: (p: MetricPoint) => number | null) => points.map((p) => ({ at: p.at, value: pick(p) }));
  return (
    <aside aria-label={`Node ${node.key}`} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-start justify-between">
        <div>
          <h2 className="font-mono text-base font-semibold">
            {group.brokerName} / {node.selfId}
          </h2>
          <div className="mt-1 flex gap-1">
            <RoleBadge role={node.role} health={node.health} />
            <HealthBadge health={node.health} />
          </div>
        </div>
        <Button variant="ghost" onClick={onClose} aria-label="Close node panel">
          ✕
        </Button>
      </div>
      {operations && <NodeActions access={operations} node={node} />}
      {node.dledger.error && <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-800">{node.dledger.error}</p>}
      <dl className="grid grid-cols-[8.5rem_1fr] gap-x-2 gap-y-1 text-sm">
        <Item label="Broker address" mono>
          {node.brokerAddress ?? "not known yet"}
        </Item>
        <Item label="DLedger address" mono>
          {node.dledgerAddress}
        </Item>
        <Item label="Datacenter">{node.datacenter ?? "—"}</Item>
        <Item label="DLedger role">
          {node.health === "down" ? "unreachable" : node.role}
          {node.follows && node.follows !== node.selfId ? ` (follows ${node.follows})` : ""} <ReadingAge reading={node.dledger} now={now} />
        </Item>
        <Item label="Term">
          {node.term ?? "—"} <ReadingAge reading={node.termReading} now={now} />
        </Item>
        <Item label="Lag behind leader">
          {node.role === "leader" ? "— (leader)" : node.lagBytes === null ? "unknown" : formatBytes(node.lagBytes)}
        </Item>
        <Item label="Commit / apply">not exposed by DLedger's METADATA in this version</Item>
        <Item label="NameServer id">{node.registeredAs ?? "not listed"}</Item>
        <Item label="Version">
          {runtime?.version ?? "—"} <ReadingAge reading={node.runtime} now={now} />
        </Item>
        <Item label="Uptime">{runtime?.bootTimestamp ? formatAge(now - runtime.bootTimestamp) : "—"}</Item>
        <Item label="Put / get TPS">
          {formatTps(runtime?.putTps)} / {formatTps(runtime?.getTps)}
        </Item>
        <Item label="Disk used">{formatRatio(runtime?.diskRatio)}</Item>
        <Item label="Live role">
          {config?.brokerRole ?? "—"} {config?.brokerId ? `(brokerId ${config.brokerId})` : ""}{" "}
          <ReadingAge reading={node.config} now={now} />
        </Item>
        <Item label="Config revision">
          {snapshot.revision
            ? `#${snapshot.revision.number}${snapshot.revision.deployed ? " (deployed)" : ""}`
            : "attached: not deployed by the panel"}
        </Item>
      </dl>
      <div className="space-y-3">
        <LineChart label="Put TPS" points={series((p) => p.putTps)} from={now - HOUR_MS} to={now} format={formatTps} />
        <LineChart label="Get TPS" points={series((p) => p.getTps)} from={now - HOUR_MS} to={now} format={formatTps} />
        <LineChart label="Disk used" points={series((p) => p.diskRatio)} from={now - HOUR_MS} to={now} format={formatRatio} max={1} />
      </div>
    </aside>
  );
}

function Item({ label, mono = false, children }: { label: string; mono?: boolean; children: React.ReactNode }) {
  return (
    <>
      <dt className="text-slate-500">{label}</dt>
      <dd className={mono ? "font-mono text-xs leading-5" : ""}>{children}</dd>
    </>
  );
}
