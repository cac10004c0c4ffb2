"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { versionAdvisories } from "@/lib/design/model/version";
import type { GroupSnapshot, NodeSnapshot, TopologySnapshot } from "@/lib/topology/model";
import type { MetricPoint } from "@/lib/topology/store";
import type { OperationAccess } from "../operations/access";
import { UpgradeButton } from "../operations/upgrade-button";
import { Button } from "../ui/button";
import { useMessage } from "../ui/use-message";
import { HealthBadge, ReadingAge, RoleBadge, useTopologyFormat } from "./format";
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
  const t = useTranslations("topology");
  const format = useTopologyFormat();
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
    <aside aria-label={t("panel.label", { key: node.key })} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
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
        <Button variant="ghost" onClick={onClose} aria-label={t("panel.close")}>
          ✕
        </Button>
      </div>
      {operations && <NodeActions access={operations} node={node} />}
      {runtime?.version && <RunningReleaseAdvisories versionDesc={runtime.version} operations={operations} />}
      {node.dledger.error && <p className="rounded bg-red-50 px-2 py-1 text-xs text-red-800">{node.dledger.error}</p>}
      <dl className="grid grid-cols-[8.5rem_1fr] gap-x-2 gap-y-1 text-sm">
        <Item label={t("panel.brokerAddress")} mono>
          {node.brokerAddress ?? t("panel.notKnownYet")}
        </Item>
        <Item label={t("panel.dledgerAddress")} mono>
          {node.dledgerAddress}
        </Item>
        <Item label={t("panel.datacenter")}>{node.datacenter ?? "—"}</Item>
        <Item label={t("panel.dledgerRole")}>
          {node.health === "down" ? t("health.down") : t(`role.${node.role}`)}
          {node.follows && node.follows !== node.selfId ? ` ${t("panel.follows", { leader: node.follows })}` : ""}{" "}
          <ReadingAge reading={node.dledger} now={now} />
        </Item>
        <Item label={t("panel.term")}>
          {node.term ?? "—"} <ReadingAge reading={node.termReading} now={now} />
        </Item>
        <Item label={t("panel.lag")}>
          {node.role === "leader" ? t("panel.lagLeader") : node.lagBytes === null ? t("panel.lagUnknown") : format.bytes(node.lagBytes)}
        </Item>
        <Item label={t("panel.commitApply")}>{t("panel.commitApplyMissing")}</Item>
        <Item label={t("panel.registeredAs")}>{node.registeredAs ?? t("panel.notListed")}</Item>
        <Item label={t("panel.version")}>
          {runtime?.version ?? "—"} <ReadingAge reading={node.runtime} now={now} />
        </Item>
        <Item label={t("panel.uptime")}>{runtime?.bootTimestamp ? format.age(now - runtime.bootTimestamp) : "—"}</Item>
        <Item label={t("panel.tps")}>
          {format.tps(runtime?.putTps)} / {format.tps(runtime?.getTps)}
        </Item>
        <Item label={t("panel.disk")}>{format.ratio(runtime?.diskRatio)}</Item>
        <Item label={t("panel.liveRole")}>
          {config?.brokerRole ?? "—"} {config?.brokerId ? t("panel.brokerId", { id: config.brokerId }) : ""}{" "}
          <ReadingAge reading={node.config} now={now} />
        </Item>
        <Item label={t("panel.revision")}>
          {snapshot.revision
            ? t(snapshot.revision.deployed ? "panel.revisionDeployed" : "panel.revisionNumber", { number: snapshot.revision.number })
            : t("panel.revisionAttached")}
        </Item>
      </dl>
      <div className="space-y-3">
        <LineChart label={t("panel.putTps")} points={series((p) => p.putTps)} from={now - HOUR_MS} to={now} format={format.tps} />
        <LineChart label={t("panel.getTps")} points={series((p) => p.getTps)} from={now - HOUR_MS} to={now} format={format.tps} />
        <LineChart
          label={t("panel.disk")}
          points={series((p) => p.diskRatio)}
          from={now - HOUR_MS}
          to={now}
          format={format.ratio}
          max={1}
        />
      </div>
    </aside>
  );
}

/** "V4_9_3", as a broker reports its version, read as the release "4.9.3"; null for anything else. */
function releaseOf(versionDesc: string): string | null {
  const match = /^V(\d+)_(\d+)_(\d+)/.exec(versionDesc);
  return match ? `${match[1]}.${match[2]}.${match[3]}` : null;
}

/** What is known to be wrong with the release the node runs, and for operators the upgrade off it. */
function RunningReleaseAdvisories({ versionDesc, operations }: { versionDesc: string; operations: OperationAccess | null }) {
  const t = useTranslations("lifecycle.upgrade");
  const say = useMessage();
  const release = releaseOf(versionDesc);
  const advisories = release ? versionAdvisories(release) : [];
  if (!release || advisories.length === 0) return null;
  const upgradeTo = advisories[0].upgradeTo;
  return (
    <section
      data-testid="node-advisories"
      aria-label={t("nodeAdvisories")}
      className="space-y-1 rounded border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-950"
    >
      <p className="font-medium">{t("nodeAdvisory", { version: release, advisories: advisories.map((a) => a.id).join(", ") })}</p>
      <ul className="list-disc pl-4">
        {advisories.map((a) => (
          <li key={a.id}>
            <span className="font-mono">{a.id}</span>: {say(a.what)}
          </li>
        ))}
      </ul>
      {operations && upgradeTo && <UpgradeButton access={operations} version={upgradeTo} testId="node-upgrade" />}
    </section>
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
