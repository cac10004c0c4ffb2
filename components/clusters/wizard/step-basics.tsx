"use client";

import { useTranslations } from "next-intl";
import { clusterSettingsSchema, FLUSH_DISK_TYPES, knownVulnerabilities } from "@/lib/design";
import { safeParseIn } from "@/lib/i18n/schema";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../../ui/alert";
import { SelectField, TextField } from "../../ui/field";
import { useLanguage } from "../../ui/use-language";
import type { StepProps } from "./cluster-wizard";

export function StepBasics({ draft, onChange }: StepProps) {
  const t = useTranslations("wizard.basics");
  const cluster = draft.cluster;
  const set = (patch: Partial<typeof cluster>) => onChange({ ...draft, cluster: { ...cluster, ...patch } });
  const setDefaults = (patch: Partial<typeof cluster.defaults>) => set({ defaults: { ...cluster.defaults, ...patch } });
  const parsed = safeParseIn(clusterSettingsSchema, cluster, useLanguage());
  const error = (field: string) => (parsed.success ? undefined : parsed.error.issues.find((i) => i.path.join(".") === field)?.message);
  const vulnerabilities = knownVulnerabilities(cluster.rocketmqVersion);
  const num = (text: string) => (text.trim() === "" ? (undefined as unknown as number) : Number(text));

  return (
    <div className="grid max-w-3xl gap-4 md:grid-cols-2">
      <TextField label={t("name")} name="name" value={cluster.name} onValue={(name) => set({ name })} error={error("name")} />
      <TextField
        label={t("brokerClusterName")}
        name="brokerClusterName"
        hint={t("brokerClusterNameHint")}
        value={cluster.brokerClusterName}
        onValue={(brokerClusterName) => set({ brokerClusterName })}
        error={error("brokerClusterName")}
      />
      <SelectField
        label={t("version")}
        name="rocketmqVersion"
        value={cluster.rocketmqVersion}
        onValue={(rocketmqVersion) => set({ rocketmqVersion })}
        error={error("rocketmqVersion")}
      >
        {[...new Set([...ROCKETMQ_VERSIONS, cluster.rocketmqVersion])].map((v) => (
          <option key={v}>{v}</option>
        ))}
      </SelectField>
      <SelectField
        label={t("flush")}
        name="flushDiskType"
        hint={t("flushHint")}
        value={cluster.flushDiskType}
        onValue={(flushDiskType) => set({ flushDiskType: flushDiskType as (typeof FLUSH_DISK_TYPES)[number] })}
      >
        {FLUSH_DISK_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </SelectField>
      <TextField
        label={t("installDir")}
        name="installDir"
        value={cluster.installDir}
        onValue={(installDir) => set({ installDir })}
        error={error("installDir")}
      />
      <TextField
        label={t("heap")}
        name="heapMb"
        inputMode="numeric"
        value={String(cluster.defaults.heapMb ?? "")}
        onValue={(text) => setDefaults({ heapMb: num(text) })}
        error={error("defaults.heapMb")}
      />
      <TextField
        label={t("listenPortBase")}
        name="listenPortBase"
        hint={t("listenPortBaseHint")}
        inputMode="numeric"
        value={String(cluster.defaults.listenPortBase ?? "")}
        onValue={(text) => setDefaults({ listenPortBase: num(text) })}
        error={error("defaults.listenPortBase")}
      />
      <TextField
        label={t("dLegerPortBase")}
        name="dLegerPortBase"
        inputMode="numeric"
        value={String(cluster.defaults.dLegerPortBase ?? "")}
        onValue={(text) => setDefaults({ dLegerPortBase: num(text) })}
        error={error("defaults.dLegerPortBase")}
      />
      {vulnerabilities.length > 0 && (
        <div className="md:col-span-2">
          <Alert tone="warning">{t("vulnerable", { version: cluster.rocketmqVersion, advisories: vulnerabilities.join(", ") })}</Alert>
        </div>
      )}
    </div>
  );
}
