"use client";

import { clusterSettingsSchema, FLUSH_DISK_TYPES, knownVulnerabilities } from "@/lib/design";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../../ui/alert";
import { Field, Select, TextInput } from "../../ui/field";
import type { StepProps } from "./cluster-wizard";

export function StepBasics({ draft, onChange }: StepProps) {
  const cluster = draft.cluster;
  const set = (patch: Partial<typeof cluster>) => onChange({ ...draft, cluster: { ...cluster, ...patch } });
  const setDefaults = (patch: Partial<typeof cluster.defaults>) => set({ defaults: { ...cluster.defaults, ...patch } });
  const parsed = clusterSettingsSchema.safeParse(cluster);
  const error = (field: string) => (parsed.success ? undefined : parsed.error.issues.find((i) => i.path.join(".") === field)?.message);
  const vulnerabilities = knownVulnerabilities(cluster.rocketmqVersion);
  const num = (text: string) => (text.trim() === "" ? (undefined as unknown as number) : Number(text));

  return (
    <div className="grid max-w-3xl gap-4 md:grid-cols-2">
      <Field label="Cluster name (in the panel)" name="name" error={error("name")}>
        <TextInput name="name" value={cluster.name} onChange={(e) => set({ name: e.target.value })} invalid={!!error("name")} />
      </Field>
      <Field
        label="brokerClusterName"
        name="brokerClusterName"
        error={error("brokerClusterName")}
        hint="The same on every broker, e.g. RaftCluster."
      >
        <TextInput
          name="brokerClusterName"
          value={cluster.brokerClusterName}
          onChange={(e) => set({ brokerClusterName: e.target.value })}
          invalid={!!error("brokerClusterName")}
        />
      </Field>
      <Field label="RocketMQ version" name="rocketmqVersion" error={error("rocketmqVersion")}>
        <Select name="rocketmqVersion" value={cluster.rocketmqVersion} onChange={(e) => set({ rocketmqVersion: e.target.value })}>
          {[...new Set([...ROCKETMQ_VERSIONS, cluster.rocketmqVersion])].map((v) => (
            <option key={v}>{v}</option>
          ))}
        </Select>
      </Field>
      <Field label="Flush mode" name="flushDiskType" hint="SYNC_FLUSH survives a power cut of the whole group; ASYNC_FLUSH is faster.">
        <Select
          name="flushDiskType"
          value={cluster.flushDiskType}
          onChange={(e) => set({ flushDiskType: e.target.value as (typeof FLUSH_DISK_TYPES)[number] })}
        >
          {FLUSH_DISK_TYPES.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </Select>
      </Field>
      <Field label="Install directory on hosts" name="installDir" error={error("installDir")}>
        <TextInput
          name="installDir"
          value={cluster.installDir}
          onChange={(e) => set({ installDir: e.target.value })}
          invalid={!!error("installDir")}
        />
      </Field>
      <Field label="Default heap (MB) when a host's memory is unknown" name="heapMb" error={error("defaults.heapMb")}>
        <TextInput
          name="heapMb"
          inputMode="numeric"
          value={String(cluster.defaults.heapMb ?? "")}
          onChange={(e) => setDefaults({ heapMb: num(e.target.value) })}
          invalid={!!error("defaults.heapMb")}
        />
      </Field>
      <Field
        label="First broker listenPort"
        name="listenPortBase"
        error={error("defaults.listenPortBase")}
        hint="Brokers on one host get +10 each (each also uses port-2 and port+1)."
      >
        <TextInput
          name="listenPortBase"
          inputMode="numeric"
          value={String(cluster.defaults.listenPortBase ?? "")}
          onChange={(e) => setDefaults({ listenPortBase: num(e.target.value) })}
          invalid={!!error("defaults.listenPortBase")}
        />
      </Field>
      <Field label="First DLedger port" name="dLegerPortBase" error={error("defaults.dLegerPortBase")}>
        <TextInput
          name="dLegerPortBase"
          inputMode="numeric"
          value={String(cluster.defaults.dLegerPortBase ?? "")}
          onChange={(e) => setDefaults({ dLegerPortBase: num(e.target.value) })}
          invalid={!!error("defaults.dLegerPortBase")}
        />
      </Field>
      {vulnerabilities.length > 0 && (
        <div className="md:col-span-2">
          <Alert tone="warning">
            RocketMQ {cluster.rocketmqVersion} is affected by {vulnerabilities.join(", ")} (remote code execution through the config-update
            commands). The panel never uses those commands, but keep broker and NameServer ports off untrusted networks, and prefer a fixed
            release (4.9.7+, 5.1.2+).
          </Alert>
        </div>
      )}
    </div>
  );
}
