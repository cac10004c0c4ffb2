"use client";

import { useState } from "react";
import { applySizing, type BrokerNodeDraft, type ClusterDraft, parseProperties } from "@/lib/design";
import { Button } from "../../ui/button";
import { Table } from "../../ui/data-table";
import { NumberCell, TextCell } from "./inputs";
import type { StepProps } from "./cluster-wizard";

const GiB = 1024 ** 3;

interface TuningRow {
  node: BrokerNodeDraft;
  /** Where the node is in the draft: its group's index and its own. */
  g: number;
  n: number;
  label: string;
}

function hostFacts(host: ClusterDraft["hosts"][number] | undefined): string {
  if (!host) return "not placed";
  return `${host.name}: ${host.cpuCount ?? "?"} CPU, ${host.memoryBytes ? (host.memoryBytes / GiB).toFixed(1) : "?"} GiB`;
}

/** Per-node sizing (suggested from host facts), brokerIP1 and extra broker properties. */
export function StepTuning({ draft, onChange }: StepProps) {
  const setNode = (g: number, n: number, patch: Partial<BrokerNodeDraft>) =>
    onChange({
      ...draft,
      groups: draft.groups.map((group, gi) =>
        gi !== g ? group : { ...group, nodes: group.nodes.map((node, ni) => (ni === n ? { ...node, ...patch } : node)) },
      ),
    });
  const recalculate = () =>
    onChange(
      applySizing({
        ...draft,
        groups: draft.groups.map((g) => ({
          ...g,
          nodes: g.nodes.map((n) => ({ ...n, heapMb: undefined, sendMessageThreadPoolNums: undefined })),
        })),
      }),
    );
  const hostOf = (hostId?: string) => draft.hosts.find((h) => h.id === hostId);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <p className="text-sm text-slate-600">
          Suggestions come from each host&apos;s facts (test the host&apos;s connection to gather them): send threads follow the CPU count,
          the heap a share of memory split between the brokers on the host. Set brokerIP1 where a host has several addresses.
        </p>
        <Button variant="secondary" onClick={recalculate}>
          Recalculate from host facts
        </Button>
      </div>
      <Table<TuningRow>
        label="Node tuning"
        rows={draft.groups.flatMap((group, g) =>
          group.nodes.map((node, n) => ({ node, g, n, label: `${group.brokerName} ${node.selfId}` })),
        )}
        rowKey={({ g, n }) => `${g}-${n}`}
        columns={[
          { key: "node", header: "Node", value: (r) => r.label, render: (r) => <span className="font-mono">{r.label}</span> },
          {
            key: "facts",
            header: "Host facts",
            value: (r) => hostFacts(hostOf(r.node.hostId)),
            render: (r) => <span className="text-xs text-slate-600">{hostFacts(hostOf(r.node.hostId))}</span>,
          },
          {
            key: "heap",
            header: "Heap (MB)",
            className: "w-24",
            value: (r) => r.node.heapMb,
            render: ({ node, g, n, label }) => (
              <NumberCell aria-label={`Heap of ${label}`} value={node.heapMb} onValue={(v) => setNode(g, n, { heapMb: v })} />
            ),
          },
          {
            key: "sendThreads",
            header: "sendMessageThreadPoolNums",
            className: "w-24",
            value: (r) => r.node.sendMessageThreadPoolNums,
            render: ({ node, g, n, label }) => (
              <NumberCell
                aria-label={`Send threads of ${label}`}
                value={node.sendMessageThreadPoolNums}
                onValue={(v) => setNode(g, n, { sendMessageThreadPoolNums: v })}
              />
            ),
          },
          {
            key: "brokerIP1",
            header: "brokerIP1",
            className: "w-36",
            value: (r) => r.node.brokerIP1,
            render: ({ node, g, n, label }) => (
              <TextCell
                aria-label={`brokerIP1 of ${label}`}
                placeholder="host address"
                value={node.brokerIP1}
                onValue={(v) => setNode(g, n, { brokerIP1: v })}
              />
            ),
          },
          {
            key: "extra",
            header: "Extra properties (key=value per line)",
            value: () => null,
            render: ({ node, g, n, label }) => (
              <ExtraProperties
                label={label}
                value={node.extraProperties}
                onChange={(extraProperties) => setNode(g, n, { extraProperties })}
              />
            ),
          },
        ]}
      />
    </div>
  );
}

function ExtraProperties({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Record<string, string>;
  onChange: (v: Record<string, string>) => void;
}) {
  const [text, setText] = useState(() =>
    Object.entries(value)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  const parsed = parseProperties(text);
  return (
    <div>
      <textarea
        aria-label={`Extra properties of ${label}`}
        rows={Math.max(1, text.split("\n").length)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => onChange(parsed.properties)}
        className="w-full rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
        placeholder="maxMessageSize=4194304"
      />
      {parsed.problems.map((p, i) => (
        <p key={i} role="alert" className="text-xs text-red-600">
          line {p.line}: {p.message}
        </p>
      ))}
    </div>
  );
}
