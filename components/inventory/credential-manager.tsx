"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import type { listCredentials } from "@/lib/inventory/credentials";
import { credentialSchema } from "@/lib/inventory/schema";
import { api, type Serialized } from "../api";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { Field, Select, TextArea, TextInput } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";

type CredentialRow = Serialized<Awaited<ReturnType<typeof listCredentials>>[number]>;
const KEY = ["credentials"];

export function CredentialManager({ initial }: { initial: CredentialRow[] }) {
  const queryClient = useQueryClient();
  const { data: rows = initial } = useQuery({
    queryKey: KEY,
    queryFn: () => api<CredentialRow[]>("/api/credentials"),
    initialData: initial,
  });
  const [error, setError] = useState<string | null>(null);
  const remove = useMutation({
    mutationFn: (row: CredentialRow) => api(`/api/credentials/${row.id}`, { method: "DELETE" }),
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_26rem]">
      <div className="space-y-3">
        {error && <Alert>{error}</Alert>}
        <DataTable
          label="Credentials"
          rows={rows}
          rowKey={(r) => r.id}
          emptyText="No credentials yet."
          columns={[
            { key: "name", header: "Name", value: (r) => r.name },
            {
              key: "kind",
              header: "Kind",
              value: (r) => r.kind,
              render: (r) => <Badge>{r.kind === "ssh_key" ? "SSH key" : "password"}</Badge>,
            },
            {
              key: "fingerprint",
              header: "Public key",
              value: (r) => r.publicKeyFingerprint,
              render: (r) => <span className="font-mono text-xs">{r.publicKeyFingerprint ?? "—"}</span>,
            },
            { key: "hosts", header: "Hosts", value: (r) => r._count.hosts },
            {
              key: "actions",
              header: "",
              value: () => "",
              render: (r) => (
                <Button
                  variant="danger"
                  onClick={() => confirm(`Delete credential ${r.name}?`) && remove.mutate(r)}
                  aria-label={`Delete ${r.name}`}
                >
                  Delete
                </Button>
              ),
            },
          ]}
        />
      </div>
      <Card title="Add credential">
        <CredentialForm />
      </Card>
    </div>
  );
}

function CredentialForm() {
  const queryClient = useQueryClient();
  const form = useZodForm(credentialSchema, { kind: "ssh_key", name: "", privateKey: "", passphrase: "" });
  const save = useMutation({
    mutationFn: (input: ReturnType<typeof credentialSchema.parse>) => api("/api/credentials", { method: "POST", body: input }),
    onSuccess: () => {
      form.reset();
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: form.showServerError,
  });
  const v = form.values as Record<string, string>;
  return (
    <form className="space-y-3" aria-label="Add credential" autoComplete="off" onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field label="Name" name="name" error={form.errorFor("name")}>
        <TextInput
          name="name"
          value={v.name}
          onChange={(e) => form.set("name", e.target.value)}
          invalid={!!form.errorFor("name")}
          placeholder="ops-ed25519"
        />
      </Field>
      <Field label="Kind" name="kind">
        <Select name="kind" value={v.kind} onChange={(e) => form.set("kind", e.target.value)}>
          <option value="ssh_key">SSH private key</option>
          <option value="password">Password</option>
        </Select>
      </Field>
      {v.kind === "ssh_key" ? (
        <>
          <Field label="Private key" name="privateKey" error={form.errorFor("privateKey")} hint="ed25519 or RSA, OpenSSH or PEM format.">
            <TextArea
              name="privateKey"
              rows={6}
              value={v.privateKey ?? ""}
              onChange={(e) => form.set("privateKey", e.target.value)}
              invalid={!!form.errorFor("privateKey")}
            />
          </Field>
          <Field label="Passphrase (optional)" name="passphrase" error={form.errorFor("passphrase")}>
            <TextInput
              name="passphrase"
              type="password"
              value={v.passphrase ?? ""}
              onChange={(e) => form.set("passphrase", e.target.value)}
            />
          </Field>
        </>
      ) : (
        <Field label="Password" name="password" error={form.errorFor("password")}>
          <TextInput
            name="password"
            type="password"
            value={v.password ?? ""}
            onChange={(e) => form.set("password", e.target.value)}
            invalid={!!form.errorFor("password")}
          />
        </Field>
      )}
      <Button type="submit" disabled={save.isPending}>
        Save credential
      </Button>
    </form>
  );
}
