"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { attachClusterSchema } from "@/lib/topology/schema";
import { attachCluster } from "../clusters/queries";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";

/** NameServer addresses in, a watched cluster out: the server discovers groups and nodes before saving anything. */
export function AttachForm({ datacenters }: { datacenters: { id: string; name: string; code: string }[] }) {
  const router = useRouter();
  const form = useZodForm(attachClusterSchema, { name: "", nameServers: "", brokerClusterName: "", datacenterId: "" });
  const attach = useMutation({
    mutationFn: attachCluster,
    onSuccess: (cluster) => router.push(`/clusters/${cluster.id}/topology`),
    onError: form.showServerError,
  });
  const v = form.values;
  return (
    <Card>
      <form className="max-w-xl space-y-3" aria-label="Attach cluster" onSubmit={form.onSubmit((input) => attach.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label="Name" hint="For the panel, e.g. Production (seed)." {...form.field("name")} />
        <TextAreaField
          label="NameServer addresses"
          hint="As in namesrvAddr: 192.168.65.237:9876;192.168.65.239:9876 (or one per line)."
          rows={3}
          {...form.field("nameServers")}
          value={typeof v.nameServers === "string" ? v.nameServers : v.nameServers.join("\n")}
        />
        <TextField
          label="brokerClusterName (optional)"
          hint="Needed only when the NameServers serve several clusters."
          {...form.field("brokerClusterName")}
        />
        <SelectField
          label="Datacenter (optional)"
          hint="For nodes whose address matches no host of the inventory."
          {...form.field("datacenterId")}
        >
          <option value="">None</option>
          {datacenters.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={attach.isPending}>
          {attach.isPending ? "Discovering…" : "Attach and watch"}
        </Button>
      </form>
    </Card>
  );
}
