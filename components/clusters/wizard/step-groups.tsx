"use client";

import { allocatePaths, allocatePorts, autoPlace, makeGroupDraft, type BrokerGroupDraft, type BrokerNodeDraft } from "@/lib/design";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { Table } from "../../ui/data-table";
import { NumberCell, TextCell } from "./inputs";
import type { StepProps } from "./cluster-wizard";

function sizeWarning(size: number): string | null {
  if (size < 3) return `A group of ${size} cannot survive the loss of a node: Raft needs a majority. Use 3 or 5.`;
  if (size % 2 === 0) return `An even group (${size}) tolerates no more failures than ${size - 1} nodes do. Use an odd size.`;
  return null;
}

/** Groups per datacenter, their nodes, and where each node runs. */
export function StepGroups({ draft, onChange, datacenters }: StepProps) {
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
        <p className="text-sm text-slate-600">
          Each group is one brokerName = one Raft group of 3+ nodes. Leave host, ports and paths blank and let the panel place nodes on
          distinct hosts and allocate ports that never collide (each broker uses listenPort, listenPort-2, listenPort+1 and its DLedger
          port).
        </p>
        <Button onClick={allocate}>Auto-place and allocate</Button>
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
          <Button variant="secondary" onClick={() => addGroup(dc)} aria-label={`Add group in ${dc.code}`}>
            + Add group in {dc.code}
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
  const warning = sizeWarning(group.nodes.length);
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
          brokerName
          <input
            aria-label="brokerName"
            value={group.brokerName}
            onChange={(e) => rename(e.target.value)}
            className="ml-2 rounded border border-slate-300 px-1.5 py-1 font-mono text-sm"
          />
        </label>
        <label className="text-sm">
          nodes
          <input
            aria-label={`Nodes in ${group.brokerName}`}
            type="number"
            min={1}
            max={9}
            value={group.nodes.length}
            onChange={(e) => resize(Number(e.target.value))}
            className="ml-2 w-16 rounded border border-slate-300 px-1.5 py-1 text-sm"
          />
        </label>
        <label className="text-sm">
          preferred leader
          <select
            aria-label={`Preferred leader of ${group.brokerName}`}
            value={group.preferredLeaderId ?? ""}
            onChange={(e) => onChange({ ...group, preferredLeaderId: e.target.value || undefined })}
            className="ml-2 rounded border border-slate-300 px-1 py-1 text-sm"
          >
            <option value="">none</option>
            {group.nodes.map((n) => (
              <option key={n.selfId}>{n.selfId}</option>
            ))}
          </select>
        </label>
        <Button variant="ghost" onClick={onRemove} className="ml-auto" aria-label={`Remove group ${group.brokerName}`}>
          Remove group
        </Button>
      </div>
      {warning && <Alert tone="warning">{warning}</Alert>}
      <Table<{ node: BrokerNodeDraft; i: number }>
        label={`Nodes of ${group.brokerName}`}
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
            header: "Host",
            value: ({ node }) => node.hostId,
            render: ({ node, i }) => (
              <select
                aria-label={`Host of ${group.brokerName} ${node.selfId}`}
                value={node.hostId ?? ""}
                onChange={(e) => {
                  const host = hosts.find((h) => h.id === e.target.value);
                  setNode(i, { hostId: host?.id, hostAddress: host?.address });
                }}
                className="rounded border border-slate-300 px-1 py-1 text-sm"
              >
                <option value="">auto</option>
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
                aria-label={`listenPort of ${group.brokerName} ${node.selfId}`}
                value={node.listenPort}
                onValue={(v) => setNode(i, { listenPort: v })}
              />
            ),
          },
          {
            key: "dLegerPort",
            header: "DLedger port",
            className: "w-28",
            value: ({ node }) => node.dLegerPort,
            render: ({ node, i }) => (
              <NumberCell
                aria-label={`DLedger port of ${group.brokerName} ${node.selfId}`}
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
                aria-label={`storePathRootDir of ${group.brokerName} ${node.selfId}`}
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
                aria-label={`storePathCommitLog of ${group.brokerName} ${node.selfId}`}
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
