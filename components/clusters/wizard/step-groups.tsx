"use client";

import { useTranslations } from "next-intl";
import { allocatePaths, allocatePorts, autoPlace, makeGroupDraft, type BrokerGroupDraft, type BrokerNodeDraft } from "@/lib/design";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Table } from "../../ui/data-table";
import { NumberCell, TextCell } from "./inputs";
import type { StepProps } from "./cluster-wizard";

/** Groups per datacenter, their nodes, and where each node runs. */
export function StepGroups({ draft, onChange, datacenters }: StepProps) {
  const t = useTranslations("wizard.groups");
  const setGroup = (index: number, group: BrokerGroupDraft) =>
    onChange({ ...draft, groups: draft.groups.map((g, i) => (i === index ? group : g)) });
  const addGroup = (dc: { id: string; code: string }) => {
    const taken = new Set(draft.groups.map((g) => g.brokerName));
    let brokerName = `${dc.code}@broker`;
    for (let n = 2; taken.has(brokerName); n++) brokerName = `${dc.code}@broker-${n}`;
    onChange({
      ...draft,
      groups: [...draft.groups, makeGroupDraft({ brokerName, datacenterId: dc.id, datacenterCode: dc.code, size: 3 })],
    });
  };
  const allocate = () => onChange(allocatePaths(allocatePorts(autoPlace(draft))));

  return (
    <div className="space-y-5">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600">{t("intro")}</p>
        <Button onClick={allocate}>{t("allocate")}</Button>
      </div>
      {datacenters.map((dc) => (
        <fieldset key={dc.id} className="space-y-3 rounded border border-slate-200 p-3">
          <legend className="px-1 text-sm font-medium">{dc.code}</legend>
          {draft.groups.map((group, index) =>
            group.datacenterId === dc.id ? (
              <GroupEditor
                key={index}
                group={group}
                hosts={draft.hosts}
                onChange={(g) => setGroup(index, g)}
                onRemove={() => onChange({ ...draft, groups: draft.groups.filter((_, i) => i !== index) })}
              />
            ) : null,
          )}
          <Button variant="secondary" onClick={() => addGroup(dc)} aria-label={t("addLabel", { datacenter: dc.code })}>
            {t("add", { datacenter: dc.code })}
          </Button>
        </fieldset>
      ))}
    </div>
  );
}

interface GroupEditorProps {
  group: BrokerGroupDraft;
  hosts: StepProps["draft"]["hosts"];
  onChange: (group: BrokerGroupDraft) => void;
  onRemove: () => void;
}

function GroupEditor({ group, hosts, onChange, onRemove }: GroupEditorProps) {
  const t = useTranslations("wizard.groups");
  const count = group.nodes.length;
  const warning = count < 3 ? t("tooSmall", { size: count }) : count % 2 === 0 ? t("even", { size: count, smaller: count - 1 }) : null;
  const setNode = (index: number, patch: Partial<BrokerNodeDraft>) =>
    onChange({ ...group, nodes: group.nodes.map((n, i) => (i === index ? { ...n, ...patch } : n)) });
  const resize = (size: number) => {
    if (size < 1 || size > 9) return;
    const nodes =
      size > group.nodes.length
        ? [
            ...group.nodes,
            ...Array.from({ length: size - group.nodes.length }, (_, i) => ({ selfId: `n${group.nodes.length + i}`, extraProperties: {} })),
          ]
        : group.nodes.slice(0, size);
    onChange({ ...group, nodes });
  };
  const rename = (brokerName: string) =>
    onChange({ ...group, brokerName, dLegerGroup: group.dLegerGroup === group.brokerName ? brokerName : group.dLegerGroup });

  return (
    <div className="space-y-2 rounded border border-slate-200 bg-slate-50 p-3" data-testid={`group-${group.brokerName}`}>
      <div className="flex flex-wrap items-end gap-3">
        <label className="text-sm">
          {t("brokerName")}
          <input
            aria-label={t("brokerName")}
            value={group.brokerName}
            onChange={(e) => rename(e.target.value)}
            className="ml-2 rounded border border-slate-300 px-1.5 py-1 font-mono text-sm"
          />
        </label>
        <label className="text-sm">
          {t("nodes")}
          <input
            aria-label={t("nodesIn", { group: group.brokerName })}
            type="number"
            min={1}
            max={9}
            value={group.nodes.length}
            onChange={(e) => resize(Number(e.target.value))}
            className="ml-2 w-16 rounded border border-slate-300 px-1.5 py-1 text-sm"
          />
        </label>
        <label className="text-sm">
          {t("preferredLeader")}
          <select
            aria-label={t("preferredLeaderOf", { group: group.brokerName })}
            value={group.preferredLeaderId ?? ""}
            onChange={(e) => onChange({ ...group, preferredLeaderId: e.target.value || undefined })}
            className="ml-2 rounded border border-slate-300 px-1 py-1 text-sm"
          >
            <option value="">{t("noPreferredLeader")}</option>
            {group.nodes.map((n) => (
              <option key={n.selfId}>{n.selfId}</option>
            ))}
          </select>
        </label>
        <Button variant="ghost" onClick={onRemove} className="ml-auto" aria-label={t("removeLabel", { group: group.brokerName })}>
          {t("remove")}
        </Button>
      </div>
      {warning && <Alert tone="warning">{warning}</Alert>}
      <Table<{ node: BrokerNodeDraft; i: number }>
        label={t("nodesOf", { group: group.brokerName })}
        rows={group.nodes.map((node, i) => ({ node, i }))}
        rowKey={({ i }) => String(i)}
        columns={[
          {
            key: "selfId",
            header: "selfId",
            value: ({ node }) => node.selfId,
            render: ({ node }) => <span className="font-mono">{node.selfId}</span>,
          },
          {
            key: "host",
            header: t("columns.host"),
            value: ({ node }) => node.hostId,
            render: ({ node, i }) => (
              <select
                aria-label={t("hostOf", { group: group.brokerName, node: node.selfId })}
                value={node.hostId ?? ""}
                onChange={(e) => {
                  const host = hosts.find((h) => h.id === e.target.value);
                  setNode(i, { hostId: host?.id, hostAddress: host?.address });
                }}
                className="rounded border border-slate-300 px-1 py-1 text-sm"
              >
                <option value="">{t("auto")}</option>
                {hosts.map((h) => (
                  <option key={h.id} value={h.id}>
                    {h.name} ({h.datacenterCode})
                  </option>
                ))}
              </select>
            ),
          },
          {
            key: "listenPort",
            header: "listenPort",
            className: "w-28",
            value: ({ node }) => node.listenPort,
            render: ({ node, i }) => (
              <NumberCell
                aria-label={t("listenPortOf", { group: group.brokerName, node: node.selfId })}
                value={node.listenPort}
                onValue={(v) => setNode(i, { listenPort: v })}
              />
            ),
          },
          {
            key: "dLegerPort",
            header: t("columns.dLegerPort"),
            className: "w-28",
            value: ({ node }) => node.dLegerPort,
            render: ({ node, i }) => (
              <NumberCell
                aria-label={t("dLegerPortOf", { group: group.brokerName, node: node.selfId })}
                value={node.dLegerPort}
                onValue={(v) => setNode(i, { dLegerPort: v })}
              />
            ),
          },
          {
            key: "storePathRootDir",
            header: "storePathRootDir",
            value: ({ node }) => node.storePathRootDir,
            render: ({ node, i }) => (
              <TextCell
                aria-label={t("storePathRootDirOf", { group: group.brokerName, node: node.selfId })}
                value={node.storePathRootDir}
                onValue={(v) => setNode(i, { storePathRootDir: v })}
              />
            ),
          },
          {
            key: "storePathCommitLog",
            header: "storePathCommitLog",
            value: ({ node }) => node.storePathCommitLog,
            render: ({ node, i }) => (
              <TextCell
                aria-label={t("storePathCommitLogOf", { group: group.brokerName, node: node.selfId })}
                value={node.storePathCommitLog}
                onValue={(v) => setNode(i, { storePathCommitLog: v })}
              />
            ),
          },
        ]}
      />
    </div>
  );
}
