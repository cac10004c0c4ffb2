"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { hostSchema } from "@/lib/inventory/schema";
import { api } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Select, TextInput } from "../ui/field";
import { useZodForm } from "../use-zod-form";
import type { HostRow } from "./host-types";

export interface Option {
  id: string;
  name?: string;
  code?: string;
}

interface HostFormProps {
  editing?: HostRow;
  datacenters: Option[];
  credentials: Option[];
  onSaved?: (host: HostRow) => void;
}

export function HostForm({ editing, datacenters, credentials, onSaved }: HostFormProps) {
  const queryClient = useQueryClient();
  const form = useZodForm(hostSchema, {
    name: editing?.name ?? "",
    address: editing?.address ?? "",
    sshPort: editing?.sshPort ?? 22,
    sshUser: editing?.sshUser ?? "root",
    datacenterId: editing?.datacenterId ?? "",
    credentialId: editing?.credentialId ?? null,
    labels: editing?.labels ?? [],
  });
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof hostSchema.parse>) =>
      api<HostRow>(editing ? `/api/hosts/${editing.id}` : "/api/hosts", { method: editing ? "PUT" : "POST", body: input }),
    onSuccess: async (host) => {
      if (!editing) form.reset();
      await queryClient.invalidateQueries({ queryKey: ["hosts"] });
      onSaved?.(host);
    },
    onError: form.showServerError,
  });
  const v = form.values;
  return (
    <form className="space-y-3" aria-label={editing ? "Edit host" : "Add host"} onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field label="Name" name="name" error={form.errorFor("name")}>
        <TextInput
          name="name"
          value={v.name}
          onChange={(e) => form.set("name", e.target.value)}
          invalid={!!form.errorFor("name")}
          placeholder="sz-broker-1"
        />
      </Field>
      <Field label="Address" name="address" error={form.errorFor("address")}>
        <TextInput
          name="address"
          value={v.address}
          onChange={(e) => form.set("address", e.target.value)}
          invalid={!!form.errorFor("address")}
          placeholder="192.168.65.237"
        />
      </Field>
      <div className="grid grid-cols-2 gap-3">
        <Field label="SSH port" name="sshPort" error={form.errorFor("sshPort")}>
          <TextInput
            name="sshPort"
            inputMode="numeric"
            value={String(v.sshPort ?? "")}
            onChange={(e) => form.set("sshPort", e.target.value)}
            invalid={!!form.errorFor("sshPort")}
          />
        </Field>
        <Field label="SSH user" name="sshUser" error={form.errorFor("sshUser")}>
          <TextInput
            name="sshUser"
            value={v.sshUser}
            onChange={(e) => form.set("sshUser", e.target.value)}
            invalid={!!form.errorFor("sshUser")}
          />
        </Field>
      </div>
      <Field label="Datacenter" name="datacenterId" error={form.errorFor("datacenterId")}>
        <Select
          name="datacenterId"
          value={v.datacenterId}
          onChange={(e) => form.set("datacenterId", e.target.value)}
          invalid={!!form.errorFor("datacenterId")}
        >
          <option value="">Choose…</option>
          {datacenters.map((d) => (
            <option key={d.id} value={d.id}>
              {d.code}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Credential" name="credentialId" error={form.errorFor("credentialId")}>
        <Select name="credentialId" value={v.credentialId ?? ""} onChange={(e) => form.set("credentialId", e.target.value || null)}>
          <option value="">None yet</option>
          {credentials.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Labels" name="labels" error={form.errorFor("labels")} hint="Comma-separated, e.g. rack=a3, ssd">
        <TextInput
          name="labels"
          value={(v.labels ?? []).join(", ")}
          onChange={(e) =>
            form.set(
              "labels",
              e.target.value
                .split(",")
                .map((s) => s.trim())
                .filter(Boolean),
            )
          }
          invalid={!!form.errorFor("labels")}
        />
      </Field>
      <Button type="submit" disabled={save.isPending}>
        {editing ? "Save host" : "Add host"}
      </Button>
    </form>
  );
}
