"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type GroupCreateInput, type GroupDetail, groupCreateSchema } from "@/lib/console/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { BrokerGroupPicker } from "./broker-groups";
import { numberOrUndefined } from "./format";
import { consoleKeys, createGroup, updateGroup } from "./queries";

/** Creates a subscription group, or (with `editing`) changes its settings, on each broker group's leader. */
export function GroupForm({
  clusterId,
  editing,
  onDone,
  onCancel,
}: {
  clusterId: string;
  editing?: GroupDetail;
  onDone: (group: GroupDetail) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("console.groupForm");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const settings = editing?.settings;
  // One schema for both: an edited group's name is already valid, and the update sends everything but the name.
  const form = useZodForm(groupCreateSchema, {
    name: editing?.name ?? "",
    brokerNames: editing ? editing.brokerNames : undefined,
    consumeEnable: settings?.consumeEnable ?? true,
    consumeBroadcastEnable: settings?.consumeBroadcastEnable ?? true,
    retryQueueNums: settings?.retryQueueNums ?? 1,
    retryMaxTimes: settings?.retryMaxTimes ?? 16,
  });
  const save = useMutation({
    mutationFn: ({ name, ...rest }: GroupCreateInput) =>
      editing ? updateGroup(clusterId, editing.name, rest) : createGroup(clusterId, { name, ...rest }),
    onSuccess: async (group) => {
      await queryClient.invalidateQueries({ queryKey: consoleKeys.all(clusterId) });
      onDone(group);
    },
    onError: form.showServerError,
  });
  const number = (name: "retryQueueNums" | "retryMaxTimes") => ({
    ...form.field(name),
    type: "number",
    min: name === "retryMaxTimes" ? 0 : 1,
    onValue: (text: string) => form.set(name, numberOrUndefined(text)),
  });
  const check = (name: "consumeEnable" | "consumeBroadcastEnable") => (
    <label className="flex items-center gap-2 text-sm">
      <input type="checkbox" checked={form.values[name] ?? true} onChange={(e) => form.set(name, e.target.checked)} />
      {t(name)}
    </label>
  );
  const title = editing ? t("editTitle", { name: editing.name }) : t("createTitle");
  return (
    <Card title={title}>
      <form className="space-y-3" aria-label={title} onSubmit={form.onSubmit((input) => save.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        {!editing && <TextField label={t("name")} hint={t("nameHint")} autoComplete="off" {...form.field("name")} />}
        <BrokerGroupPicker
          clusterId={clusterId}
          value={form.values.brokerNames}
          onChange={(names) => form.set("brokerNames", names)}
          error={form.errorFor("brokerNames")}
        />
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t("retryQueueNums")} {...number("retryQueueNums")} />
          <TextField label={t("retryMaxTimes")} {...number("retryMaxTimes")} />
        </div>
        {check("consumeEnable")}
        {check("consumeBroadcastEnable")}
        <div className="flex gap-2">
          <Button type="submit" disabled={save.isPending}>
            {editing ? tc("save") : t("create")}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            {tc("cancel")}
          </Button>
        </div>
      </form>
    </Card>
  );
}
