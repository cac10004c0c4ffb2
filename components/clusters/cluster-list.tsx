"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { createClusterSchema } from "@/lib/clusters/schema";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { type ClusterRow, clusterKeys, createCluster, fetchClusters } from "./queries";

export function ClusterList({ initial, canEdit }: { initial: ClusterRow[]; canEdit: boolean }) {
  const t = useTranslations("clusters");
  const { data: rows = initial } = useQuery({ queryKey: clusterKeys.all, queryFn: fetchClusters, initialData: initial });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <DataTable
        label={t("table")}
        rows={rows}
        rowKey={(c) => c.id}
        emptyText={t("empty")}
        columns={[
          {
            key: "name",
            header: t("columns.name"),
            value: (c) => c.name,
            render: (c) => (
              <Link href={`/clusters/${c.id}`} className="font-medium text-indigo-700 underline">
                {c.name}
              </Link>
            ),
          },
          {
            key: "brokerClusterName",
            header: "brokerClusterName",
            value: (c) => c.brokerClusterName,
            render: (c) => <span className="font-mono">{c.brokerClusterName}</span>,
          },
          { key: "version", header: "RocketMQ", value: (c) => c.rocketmqVersion },
          { key: "revisions", header: t("columns.revisions"), value: (c) => c._count.revisions },
          {
            key: "desired",
            header: t("columns.desired"),
            value: (c) => c.desiredRevision?.number ?? null,
            render: (c) => (c.desiredRevision ? `#${c.desiredRevision.number}` : t("draftOnly")),
          },
        ]}
      />
      {canEdit && (
        <div className="space-y-4">
          <Card title={t("new.title")}>
            <NewClusterForm />
          </Card>
          <Link href="/clusters/import" className="block text-sm text-indigo-700 underline">
            {t("orImport")}
          </Link>
          <Link href="/clusters/attach" className="block text-sm text-indigo-700 underline">
            {t("orAttach")}
          </Link>
        </div>
      )}
    </div>
  );
}

function NewClusterForm() {
  const t = useTranslations("clusters.new");
  const router = useRouter();
  const form = useZodForm(createClusterSchema, { name: "", brokerClusterName: "RaftCluster", rocketmqVersion: ROCKETMQ_VERSIONS[0] });
  const create = useMutation({
    mutationFn: createCluster,
    onSuccess: (cluster) => router.push(`/clusters/${cluster.id}/wizard`),
    onError: form.showServerError,
  });
  return (
    <form className="space-y-3" aria-label={t("title")} onSubmit={form.onSubmit((input) => create.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("name")} hint={t("nameHint")} {...form.field("name")} />
      <TextField label={t("brokerClusterName")} hint={t("brokerClusterNameHint")} {...form.field("brokerClusterName")} />
      <SelectField label={t("version")} {...form.field("rocketmqVersion")}>
        {ROCKETMQ_VERSIONS.map((version) => (
          <option key={version}>{version}</option>
        ))}
      </SelectField>
      <Button type="submit" disabled={create.isPending}>
        {t("submit")}
      </Button>
    </form>
  );
}
