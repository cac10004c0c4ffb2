"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import { applySizing, type BrokerNodeDraft, type ClusterDraft, parseProperties } from "@/lib/design";
import { Button } from "../../ui/button";
import { Table } from "../../ui/data-table";
import { useMessage } from "../../ui/use-message";
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

/** Per-node sizing (suggested from host facts), brokerIP1 and extra broker properties. */
export function StepTuning({ draft, onChange }: StepProps) {
  const t = useTranslations("wizard.tuning");
  const hostFacts = (host: ClusterDraft["hosts"][number] | undefined) =>
    host
      ? t("facts", {
          host: host.name,
          cpus: String(host.cpuCount ?? "?"),
          memory: host.memoryBytes ? (host.memoryBytes / GiB).toFixed(1) : "?",
        })
      : t("notPlaced");
  const setNode = (g: number, n: number, patch: Partial<BrokerNodeDraft>) =>
    onChange({
      ...draft,
      groups: draft.groups.map((group, gi) =>
        gi !== g ? group : { ...group, nodes: group.nodes.map((node, ni) => (ni === n ? { ...node, ...patch } : node)) },
      ),
    });
  // A running node keeps its size: re-sizing it because a group joined its host would restart it for nothing.
  const recalculate = () =>
    onChange(
      applySizing({
        ...draft,
        groups: draft.groups.map((g) => ({
          ...g,
          nodes: g.nodes.map((n) => (n.deployed ? n : { ...n, heapMb: undefined, sendMessageThreadPoolNums: undefined })),
        })),
      }),
    );
  const anyDeployed = draft.groups.some((g) => g.nodes.some((n) => n.deployed));
  const hostOf = (hostId?: string) => draft.hosts.find((h) => h.id === hostId);

  return (
    <div className="space-y-4">
      <div className="flex items-center justify-between gap-4">
        <div className="space-y-1 text-sm text-slate-600">
          <p>{t("intro")}</p>
          {anyDeployed && <p>{t("deployedKept")}</p>}
        </div>
        <Button variant="secondary" onClick={recalculate}>
          {t("recalculate")}
        </Button>
      </div>
      <Table<TuningRow>
        label={t("table")}
        rows={draft.groups.flatMap((group, g) =>
          group.nodes.map((node, n) => ({ node, g, n, label: `${group.brokerName} ${node.selfId}` })),
        )}
        rowKey={({ g, n }) => `${g}-${n}`}
        columns={[
          { key: "node", header: t("columns.node"), value: (r) => r.label, render: (r) => <span className="font-mono">{r.label}</span> },
          {
            key: "facts",
            header: t("columns.facts"),
            value: (r) => hostFacts(hostOf(r.node.hostId)),
            render: (r) => <span className="text-xs text-slate-600">{hostFacts(hostOf(r.node.hostId))}</span>,
          },
          {
            key: "heap",
            header: t("columns.heap"),
            className: "w-24",
            value: (r) => r.node.heapMb,
            render: ({ node, g, n, label }) => (
              <NumberCell aria-label={t("heapOf", { node: label })} value={node.heapMb} onValue={(v) => setNode(g, n, { heapMb: v })} />
            ),
          },
          {
            key: "sendThreads",
            header: "sendMessageThreadPoolNums",
            className: "w-24",
            value: (r) => r.node.sendMessageThreadPoolNums,
            render: ({ node, g, n, label }) => (
              <NumberCell
                aria-label={t("sendThreadsOf", { node: label })}
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
                aria-label={t("brokerIP1Of", { node: label })}
                placeholder={t("hostAddress")}
                value={node.brokerIP1}
                onValue={(v) => setNode(g, n, { brokerIP1: v })}
              />
            ),
          },
          {
            key: "extra",
            header: t("columns.extra"),
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
  const t = useTranslations("wizard.tuning");
  const render = useMessage();
  const [text, setText] = useState(() =>
    Object.entries(value)
      .map(([k, v]) => `${k}=${v}`)
      .join("\n"),
  );
  const parsed = parseProperties(text);
  return (
    <div>
      <textarea
        aria-label={t("extraOf", { node: label })}
        rows={Math.max(1, text.split("\n").length)}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => onChange(parsed.properties)}
        className="w-full rounded border border-slate-300 px-1.5 py-1 font-mono text-xs"
        placeholder={t("extraPlaceholder")}
      />
      {parsed.problems.map((p, i) => (
        <p key={i} role="alert" className="text-xs text-red-600">
          {t("problem", { line: String(p.line), problem: render(p.text) })}
        </p>
      ))}
    </div>
  );
}
