"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type HostInput, hostSchema } from "@/lib/inventory/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { useZodForm } from "../use-zod-form";
import { type HostRow, inventoryKeys, saveHost } from "./queries";

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
  const t = useTranslations("hosts.form");
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
    mutationFn: (input: HostInput) => saveHost(editing?.id ?? null, input),
    onSuccess: async (host) => {
      if (!editing) form.reset();
      await queryClient.invalidateQueries({ queryKey: inventoryKeys.hosts });
      onSaved?.(host);
    },
    onError: form.showServerError,
  });
  const v = form.values;
  return (
    <form className="space-y-3" aria-label={editing ? t("edit") : t("add")} onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("name")} placeholder={t("namePlaceholder")} {...form.field("name")} />
      <TextField label={t("address")} placeholder="192.168.65.237" {...form.field("address")} />
      <div className="grid grid-cols-2 gap-3">
        <TextField label={t("sshPort")} inputMode="numeric" {...form.field("sshPort")} />
        <TextField label={t("sshUser")} {...form.field("sshUser")} />
      </div>
      <SelectField label={t("datacenter")} {...form.field("datacenterId")}>
        <option value="">{t("choose")}</option>
        {datacenters.map((d) => (
          <option key={d.id} value={d.id}>
            {d.code}
          </option>
        ))}
      </SelectField>
      <SelectField label={t("credential")} {...form.field("credentialId")} onValue={(id) => form.set("credentialId", id || null)}>
        <option value="">{t("noCredential")}</option>
        {credentials.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t("labels")}
        hint={t("labelsHint")}
        name="labels"
        error={form.errorFor("labels")}
        value={(v.labels ?? []).join(", ")}
        onValue={(text) =>
          form.set(
            "labels",
            text
              .split(",")
              .map((s) => s.trim())
              .filter(Boolean),
          )
        }
      />
      <Button type="submit" disabled={save.isPending}>
        {editing ? t("save") : t("add")}
      </Button>
    </form>
  );
}
