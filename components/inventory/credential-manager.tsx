"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
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
    mutationFn: createCredential,
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
      <TextField label="Name" placeholder="ops-ed25519" {...form.field("name")} />
      <SelectField label="Kind" {...form.field("kind")}>
        <option value="ssh_key">SSH private key</option>
        <option value="password">Password</option>
      </SelectField>
      {v.kind === "ssh_key" ? (
        <>
          <TextAreaField label="Private key" hint="ed25519 or RSA, OpenSSH or PEM format." rows={6} {...form.field("privateKey")} />
          <TextField label="Passphrase (optional)" type="password" {...form.field("passphrase")} />
        </>
      ) : (
        <TextField label="Password" type="password" {...form.field("password")} />
      )}
      <Button type="submit" disabled={save.isPending}>
        Save credential
      </Button>
    </form>
  );
}
