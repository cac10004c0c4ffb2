"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { fetchSnapshot, topologyKeys } from "../topology/queries";

/** The cluster's broker groups, from its live topology snapshot. */
export function useBrokerNames(clusterId: string): string[] {
  const { data } = useQuery({ queryKey: topologyKeys.snapshot(clusterId), queryFn: () => fetchSnapshot(clusterId), staleTime: 30_000 });
  return data?.snapshot?.groups.map((g) => g.brokerName) ?? [];
}

/** Which broker groups a write goes to: undefined means every group of the cluster (the default). */
export function BrokerGroupPicker({
  clusterId,
  value,
  onChange,
  error,
}: {
  clusterId: string;
  value: string[] | undefined;
  onChange: (value: string[] | undefined) => void;
  error?: string;
}) {
  const t = useTranslations("console.brokerGroups");
  const names = useBrokerNames(clusterId);
  const all = value === undefined;
  const toggle = (name: string, on: boolean) => {
    const current = value ?? names;
    const next = on ? [...new Set([...current, name])] : current.filter((n) => n !== name);
    onChange(next.length === names.length && names.every((n) => next.includes(n)) ? undefined : next);
  };
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{t("label")}</legend>
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={all} onChange={(e) => onChange(e.target.checked ? undefined : [...names])} />
        {t("all")}
      </label>
      {names.map((name) => (
        <label key={name} className="ml-5 flex items-center gap-2 font-mono text-xs">
          <input type="checkbox" checked={all || value.includes(name)} onChange={(e) => toggle(name, e.target.checked)} />
          {name}
        </label>
      ))}
      {error && (
        <p role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </fieldset>
  );
}
