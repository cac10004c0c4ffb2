"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { type DatacenterInput, datacenterSchema } from "@/lib/inventory/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { type DatacenterRow, deleteDatacenter, fetchDatacenters, inventoryKeys, saveDatacenter } from "./queries";

const KEY = inventoryKeys.datacenters;

export function DatacenterManager({ initial, canEdit }: { initial: DatacenterRow[]; canEdit: boolean }) {
  const t = useTranslations("datacenters");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const { data: rows = initial } = useQuery({ queryKey: KEY, queryFn: fetchDatacenters, initialData: initial });
  const [editing, setEditing] = useState<DatacenterRow | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  const remove = useMutation({
    mutationFn: (row: DatacenterRow) => deleteDatacenter(row.id),
    // Optimistic: the row disappears at once and comes back if the server refuses.
    onMutate: async (row) => {
      setRowError(null);
      await queryClient.cancelQueries({ queryKey: KEY });
      const previous = queryClient.getQueryData<DatacenterRow[]>(KEY);
      queryClient.setQueryData<DatacenterRow[]>(KEY, (old = []) => old.filter((r) => r.id !== row.id));
      return { previous };
    },
    onError: (error, _row, context) => {
      queryClient.setQueryData(KEY, context?.previous);
      setRowError(error.message);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });

  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-3">
        {rowError && <Alert>{rowError}</Alert>}
        <DataTable
          label={t("table")}
          rows={rows}
          rowKey={(r) => r.id}
          emptyText={t("empty")}
          columns={[
            { key: "code", header: t("columns.code"), value: (r) => r.code, render: (r) => <span className="font-mono">{r.code}</span> },
            { key: "name", header: t("columns.name"), value: (r) => r.name },
            { key: "description", header: t("columns.description"), value: (r) => r.description },
            { key: "hosts", header: t("columns.hosts"), value: (r) => r._count.hosts },
            ...(canEdit
              ? [
                  {
                    key: "actions",
                    header: "",
                    value: () => "",
                    render: (r: DatacenterRow) => (
                      <div className="flex gap-2">
                        <Button variant="secondary" onClick={() => setEditing(r)} aria-label={tc("editItem", { name: r.code })}>
                          {tc("edit")}
                        </Button>
                        <Button
                          variant="danger"
                          onClick={() => confirm(t("confirmDelete", { code: r.code })) && remove.mutate(r)}
                          aria-label={tc("deleteItem", { name: r.code })}
                        >
                          {tc("delete")}
                        </Button>
                      </div>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </div>
      {canEdit && <DatacenterForm key={editing?.id ?? "new"} editing={editing} onDone={() => setEditing(null)} />}
    </div>
  );
}

function DatacenterForm({ editing, onDone }: { editing: DatacenterRow | null; onDone: () => void }) {
  const t = useTranslations("datacenters.form");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const form = useZodForm(
    datacenterSchema,
    editing ? { name: editing.name, code: editing.code, description: editing.description } : { name: "", code: "", description: "" },
  );
  const save = useMutation({
    mutationFn: (input: DatacenterInput) => saveDatacenter(editing?.id ?? null, input),
    onSuccess: () => {
      form.reset();
      onDone();
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: form.showServerError,
  });
  return (
    <Card title={editing ? t("editTitle", { code: editing.code }) : t("add")}>
      <form className="space-y-3" aria-label={editing ? t("edit") : t("add")} onSubmit={form.onSubmit((input) => save.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={t("name")} placeholder={t("namePlaceholder")} {...form.field("name")} />
        <TextField label={t("code")} placeholder={t("codePlaceholder")} hint={t("codeHint")} {...form.field("code")} />
        <TextField label={t("description")} {...form.field("description")} />
        <div className="flex gap-2">
          <Button type="submit" disabled={save.isPending}>
            {editing ? tc("save") : t("add")}
          </Button>
          {editing && (
            <Button variant="secondary" onClick={onDone}>
              {tc("cancel")}
            </Button>
          )}
        </div>
      </form>
    </Card>
  );
}
