"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { attachClusterSchema } from "@/lib/topology/schema";
import { attachCluster } from "../clusters/queries";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextAreaField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";

/** NameServer addresses in, a watched cluster out: the server discovers groups and nodes before saving anything. */
export function AttachForm({ datacenters }: { datacenters: { id: string; name: string; code: string }[] }) {
  const t = useTranslations("attach");
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
      <form className="max-w-xl space-y-3" aria-label={t("label")} onSubmit={form.onSubmit((input) => attach.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={t("name")} hint={t("nameHint")} {...form.field("name")} />
        <TextAreaField
          label={t("nameServers")}
          hint={t("nameServersHint")}
          rows={3}
          {...form.field("nameServers")}
          value={typeof v.nameServers === "string" ? v.nameServers : v.nameServers.join("\n")}
        />
        <TextField label={t("brokerClusterName")} hint={t("brokerClusterNameHint")} {...form.field("brokerClusterName")} />
        <SelectField label={t("datacenter")} hint={t("datacenterHint")} {...form.field("datacenterId")}>
          <option value="">{t("none")}</option>
          {datacenters.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.code})
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={attach.isPending}>
          {attach.isPending ? t("pending") : t("submit")}
        </Button>
      </form>
    </Card>
  );
}
