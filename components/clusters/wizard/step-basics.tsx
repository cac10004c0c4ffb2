"use client";

import { clusterSettingsSchema, FLUSH_DISK_TYPES, knownVulnerabilities } from "@/lib/design";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../../ui/alert";
import { SelectField, TextField } from "../../ui/field";
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
      <TextField
        label="Cluster name (in the panel)"
        name="name"
        value={cluster.name}
        onValue={(name) => set({ name })}
        error={error("name")}
      />
      <TextField
        label="brokerClusterName"
        name="brokerClusterName"
        hint="The same on every broker, e.g. RaftCluster."
        value={cluster.brokerClusterName}
        onValue={(brokerClusterName) => set({ brokerClusterName })}
        error={error("brokerClusterName")}
      />
      <SelectField
        label="RocketMQ version"
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
        label="Flush mode"
        name="flushDiskType"
        hint="SYNC_FLUSH survives a power cut of the whole group; ASYNC_FLUSH is faster."
        value={cluster.flushDiskType}
        onValue={(flushDiskType) => set({ flushDiskType: flushDiskType as (typeof FLUSH_DISK_TYPES)[number] })}
      >
        {FLUSH_DISK_TYPES.map((t) => (
          <option key={t}>{t}</option>
        ))}
      </SelectField>
      <TextField
        label="Install directory on hosts"
        name="installDir"
        value={cluster.installDir}
        onValue={(installDir) => set({ installDir })}
        error={error("installDir")}
      />
      <TextField
        label="Default heap (MB) when a host's memory is unknown"
        name="heapMb"
        inputMode="numeric"
        value={String(cluster.defaults.heapMb ?? "")}
        onValue={(text) => setDefaults({ heapMb: num(text) })}
        error={error("defaults.heapMb")}
      />
      <TextField
        label="First broker listenPort"
        name="listenPortBase"
        hint="Brokers on one host get +10 each (each also uses port-2 and port+1)."
        inputMode="numeric"
        value={String(cluster.defaults.listenPortBase ?? "")}
        onValue={(text) => setDefaults({ listenPortBase: num(text) })}
        error={error("defaults.listenPortBase")}
      />
      <TextField
        label="First DLedger port"
        name="dLegerPortBase"
        inputMode="numeric"
        value={String(cluster.defaults.dLegerPortBase ?? "")}
        onValue={(text) => setDefaults({ dLegerPortBase: num(text) })}
        error={error("defaults.dLegerPortBase")}
      />
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
