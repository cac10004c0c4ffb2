"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { credentialSchema } from "@/lib/inventory/schema";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { type CredentialRow, createCredential, deleteCredential, fetchCredentials, inventoryKeys } from "./queries";

const KEY = inventoryKeys.credentials;

export function CredentialManager({ initial }: { initial: CredentialRow[] }) {
  const t = useTranslations("credentials");
  const tc = useTranslations("common");
  const kind = (r: CredentialRow) => (r.kind === "ssh_key" ? t("kinds.sshKey") : t("kinds.password"));
  const queryClient = useQueryClient();
  const { data: rows = initial } = useQuery({ queryKey: KEY, queryFn: fetchCredentials, initialData: initial });
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (row: CredentialRow) => deleteCredential(row.id),
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_26rem]">
      <div className="space-y-3">
        {error && <Alert>{error}</Alert>}
        <DataTable
          label={t("table")}
          rows={rows}
          rowKey={(r) => r.id}
          emptyText={t("empty")}
          columns={[
            { key: "name", header: t("columns.name"), value: (r) => r.name },
            {
              key: "kind",
              header: t("columns.kind"),
              value: (r) => kind(r),
              render: (r) => <Badge>{kind(r)}</Badge>,
            },
            {
              key: "fingerprint",
              header: t("columns.publicKey"),
              value: (r) => r.publicKeyFingerprint,
              render: (r) => <span className="font-mono text-xs">{r.publicKeyFingerprint ?? "—"}</span>,
            },
            { key: "hosts", header: t("columns.hosts"), value: (r) => r._count.hosts },
            {
              key: "actions",
              header: "",
              value: () => "",
              render: (r) => (
                <Button
                  variant="danger"
                  onClick={() => confirm(t("confirmDelete", { name: r.name })) && remove.mutate(r)}
                  aria-label={tc("deleteItem", { name: r.name })}
                >
                  {tc("delete")}
                </Button>
              ),
            },
          ]}
        />
      </div>
      <Card title={t("form.add")}>
        <CredentialForm />
      </Card>
    </div>
  );
}

function CredentialForm() {
  const t = useTranslations("credentials.form");
  const queryClient = useQueryClient();
  const form = useZodForm(credentialSchema, { kind: "ssh_key", name: "", privateKey: "", passphrase: "" });
  const save = useMutation({
    mutationFn: createCredential,
    onSuccess: () => {
      form.reset();
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: form.showServerError,
  });
  const v = form.values as Record<string, string>;
  return (
    <form className="space-y-3" aria-label={t("add")} autoComplete="off" onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("name")} placeholder={t("namePlaceholder")} {...form.field("name")} />
      <SelectField label={t("kind")} {...form.field("kind")}>
        <option value="ssh_key">{t("sshKey")}</option>
        <option value="password">{t("password")}</option>
      </SelectField>
      {v.kind === "ssh_key" ? (
        <>
          <TextAreaField label={t("privateKey")} hint={t("privateKeyHint")} rows={6} {...form.field("privateKey")} />
          <TextField label={t("passphrase")} type="password" {...form.field("passphrase")} />
        </>
      ) : (
        <TextField label={t("password")} type="password" {...form.field("password")} />
      )}
      <Button type="submit" disabled={save.isPending}>
        {t("save")}
      </Button>
    </form>
  );
}
