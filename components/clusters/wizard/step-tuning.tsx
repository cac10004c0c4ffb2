"use client";

import { useState } from "react";
import { applySizing, parseProperties, type BrokerNodeDraft } from "@/lib/design";
import { Button } from "../../ui/button";
import { NumberCell, TextCell } from "./inputs";
import type { StepProps } from "./cluster-wizard";

const GiB = 1024 ** 3;

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
      <table className="min-w-full text-sm" aria-label="Node tuning">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="pr-2">Node</th>
            <th className="pr-2">Host facts</th>
            <th className="pr-2">Heap (MB)</th>
            <th className="pr-2">sendMessageThreadPoolNums</th>
            <th className="pr-2">brokerIP1</th>
            <th>Extra properties (key=value per line)</th>
          </tr>
        </thead>
        <tbody className="align-top">
          {draft.groups.flatMap((group, g) =>
            group.nodes.map((node, n) => {
              const host = hostOf(node.hostId);
              const label = `${group.brokerName} ${node.selfId}`;
              return (
                <tr key={`${g}-${n}`} className="border-t border-slate-100">
                  <td className="py-1.5 pr-2 font-mono">{label}</td>
                  <td className="py-1.5 pr-2 text-xs text-slate-600">
                    {host
                      ? `${host.name}: ${host.cpuCount ?? "?"} CPU, ${host.memoryBytes ? (host.memoryBytes / GiB).toFixed(1) : "?"} GiB`
                      : "not placed"}
                  </td>
                  <td className="w-24 py-1.5 pr-2">
                    <NumberCell aria-label={`Heap of ${label}`} value={node.heapMb} onValue={(v) => setNode(g, n, { heapMb: v })} />
                  </td>
                  <td className="w-24 py-1.5 pr-2">
                    <NumberCell
                      aria-label={`Send threads of ${label}`}
                      value={node.sendMessageThreadPoolNums}
                      onValue={(v) => setNode(g, n, { sendMessageThreadPoolNums: v })}
                    />
                  </td>
                  <td className="w-36 py-1.5 pr-2">
                    <TextCell
                      aria-label={`brokerIP1 of ${label}`}
                      placeholder="host address"
                      value={node.brokerIP1}
                      onValue={(v) => setNode(g, n, { brokerIP1: v })}
                    />
                  </td>
                  <td className="py-1.5">
                    <ExtraProperties
                      label={label}
                      value={node.extraProperties}
                      onChange={(extraProperties) => setNode(g, n, { extraProperties })}
                    />
                  </td>
                </tr>
              );
            }),
          )}
        </tbody>
      </table>
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
