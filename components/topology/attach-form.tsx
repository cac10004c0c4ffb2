"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { type AttachClusterInput, attachClusterSchema } from "@/lib/topology/schema";
import { api } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, Select, TextArea, TextInput } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";

interface Attached {
  id: string;
  brokerClusterName: string;
  groups: { brokerName: string; nodes: string[] }[];
}

/** NameServer addresses in, a watched cluster out: the server discovers groups and nodes before saving anything. */
export function AttachForm({ datacenters }: { datacenters: { id: string; name: string; code: string }[] }) {
  const router = useRouter();
  const form = useZodForm(attachClusterSchema, { name: "", nameServers: "", brokerClusterName: "", datacenterId: "" });
  const attach = useMutation({
    mutationFn: (input: AttachClusterInput) => api<Attached>("/api/clusters/attach", { method: "POST", body: input }),
    onSuccess: (cluster) => router.push(`/clusters/${cluster.id}/topology`),
    onError: form.showServerError,
  });
  const v = form.values;
  return (
    <Card>
      <form className="max-w-xl space-y-3" aria-label="Attach cluster" onSubmit={form.onSubmit((input) => attach.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <Field label="Name" name="name" error={form.errorFor("name")} hint="For the panel, e.g. Production (seed).">
          <TextInput name="name" value={v.name} onChange={(e) => form.set("name", e.target.value)} invalid={!!form.errorFor("name")} />
        </Field>
        <Field
          label="NameServer addresses"
          name="nameServers"
          error={form.errorFor("nameServers")}
          hint="As in namesrvAddr: 192.168.65.237:9876;192.168.65.239:9876 (or one per line)."
        >
          <TextArea
            name="nameServers"
            rows={3}
            value={typeof v.nameServers === "string" ? v.nameServers : v.nameServers.join("\n")}
            onChange={(e) => form.set("nameServers", e.target.value)}
            invalid={!!form.errorFor("nameServers")}
          />
        </Field>
        <Field
          label="brokerClusterName (optional)"
          name="brokerClusterName"
          error={form.errorFor("brokerClusterName")}
          hint="Needed only when the NameServers serve several clusters."
        >
          <TextInput
            name="brokerClusterName"
            value={v.brokerClusterName ?? ""}
            onChange={(e) => form.set("brokerClusterName", e.target.value)}
            invalid={!!form.errorFor("brokerClusterName")}
          />
        </Field>
        <Field
          label="Datacenter (optional)"
          name="datacenterId"
          error={form.errorFor("datacenterId")}
          hint="For nodes whose address matches no host of the inventory."
        >
          <Select name="datacenterId" value={v.datacenterId ?? ""} onChange={(e) => form.set("datacenterId", e.target.value)}>
            <option value="">None</option>
            {datacenters.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name} ({d.code})
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" disabled={attach.isPending}>
          {attach.isPending ? "Discovering…" : "Attach and watch"}
        </Button>
      </form>
    </Card>
  );
}
