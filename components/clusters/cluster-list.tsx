"use client";

import { useMutation, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import type { listClusters } from "@/lib/clusters/clusters";
import { createClusterSchema } from "@/lib/clusters/schema";
import { api, type Serialized } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { Field, Select, TextInput } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { ROCKETMQ_VERSIONS } from "@/lib/rocketmq/versions";

type ClusterRow = Serialized<Awaited<ReturnType<typeof listClusters>>[number]>;

export function ClusterList({ initial, canEdit }: { initial: ClusterRow[]; canEdit: boolean }) {
  const { data: rows = initial } = useQuery({
    queryKey: ["clusters"],
    queryFn: () => api<ClusterRow[]>("/api/clusters"),
    initialData: initial,
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <DataTable
        label="Clusters"
        rows={rows}
        rowKey={(c) => c.id}
        emptyText="No clusters yet. Start one on the right."
        columns={[
          {
            key: "name",
            header: "Name",
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
          { key: "revisions", header: "Revisions", value: (c) => c._count.revisions },
          {
            key: "desired",
            header: "Desired",
            value: (c) => c.desiredRevision?.number ?? null,
            render: (c) => (c.desiredRevision ? `#${c.desiredRevision.number}` : "draft only"),
          },
        ]}
      />
      {canEdit && (
        <div className="space-y-4">
          <Card title="New cluster">
            <NewClusterForm />
          </Card>
          <Link href="/clusters/import" className="block text-sm text-indigo-700 underline">
            …or import the broker confs of a running cluster
          </Link>
          <Link href="/clusters/attach" className="block text-sm text-indigo-700 underline">
            …or attach a running cluster by its NameServer addresses, to watch it live
          </Link>
        </div>
      )}
    </div>
  );
}

function NewClusterForm() {
  const router = useRouter();
  const form = useZodForm(createClusterSchema, { name: "", brokerClusterName: "RaftCluster", rocketmqVersion: ROCKETMQ_VERSIONS[0] });
  const create = useMutation({
    mutationFn: (input: ReturnType<typeof createClusterSchema.parse>) =>
      api<{ id: string }>("/api/clusters", { method: "POST", body: input }),
    onSuccess: (cluster) => router.push(`/clusters/${cluster.id}/wizard`),
    onError: form.showServerError,
  });
  const v = form.values;
  return (
    <form className="space-y-3" aria-label="New cluster" onSubmit={form.onSubmit((input) => create.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field label="Name" name="name" error={form.errorFor("name")} hint="For the panel, e.g. Production.">
        <TextInput name="name" value={v.name} onChange={(e) => form.set("name", e.target.value)} invalid={!!form.errorFor("name")} />
      </Field>
      <Field label="brokerClusterName" name="brokerClusterName" error={form.errorFor("brokerClusterName")} hint="Same on every broker.">
        <TextInput
          name="brokerClusterName"
          value={v.brokerClusterName}
          onChange={(e) => form.set("brokerClusterName", e.target.value)}
          invalid={!!form.errorFor("brokerClusterName")}
        />
      </Field>
      <Field label="RocketMQ version" name="rocketmqVersion" error={form.errorFor("rocketmqVersion")}>
        <Select name="rocketmqVersion" value={v.rocketmqVersion} onChange={(e) => form.set("rocketmqVersion", e.target.value)}>
          {ROCKETMQ_VERSIONS.map((version) => (
            <option key={version}>{version}</option>
          ))}
        </Select>
      </Field>
      <Button type="submit" disabled={create.isPending}>
        Start the wizard
      </Button>
    </form>
  );
}
