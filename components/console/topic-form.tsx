"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { TOPIC_PERMS, type TopicCreateInput, type TopicDetail, type TopicWriteResult, topicCreateSchema } from "@/lib/console/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { SelectField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { BrokerGroupPicker } from "./broker-groups";
import { numberOrUndefined, usePermLabel } from "./format";
import { consoleKeys, createTopic, updateTopic } from "./queries";

/** Creates a topic, or (with `editing`) changes one's queues, permission and order flag. */
export function TopicForm({
  clusterId,
  editing,
  onDone,
  onCancel,
}: {
  clusterId: string;
  editing?: TopicDetail;
  onDone: (result: TopicWriteResult) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("console.topicForm");
  const tc = useTranslations("common");
  const permLabel = usePermLabel();
  const queryClient = useQueryClient();
  // One schema for both: an edited topic's name is already valid, and the update sends everything but the name.
  const form = useZodForm(
    topicCreateSchema,
    editing
      ? {
          name: editing.name,
          brokerNames: editing.brokerNames,
          readQueueNums: editing.readQueueNums,
          writeQueueNums: editing.writeQueueNums,
          perm: editing.perm === 4 || editing.perm === 2 ? editing.perm : 6,
          order: editing.order,
        }
      : { name: "", brokerNames: undefined, readQueueNums: 8, writeQueueNums: 8, perm: 6, order: false },
  );
  const save = useMutation({
    mutationFn: ({ name, ...settings }: TopicCreateInput) =>
      editing ? updateTopic(clusterId, editing.name, settings) : createTopic(clusterId, { name, ...settings }),
    onSuccess: async (result) => {
      await queryClient.invalidateQueries({ queryKey: consoleKeys.all(clusterId) });
      onDone(result);
    },
    onError: form.showServerError,
  });
  const number = (name: "readQueueNums" | "writeQueueNums") => ({
    ...form.field(name),
    type: "number",
    min: 1,
    onValue: (text: string) => form.set(name, numberOrUndefined(text)),
  });
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
          <TextField label={t("readQueueNums")} {...number("readQueueNums")} />
          <TextField label={t("writeQueueNums")} {...number("writeQueueNums")} />
        </div>
        <SelectField label={t("perm")} {...form.field("perm")} onValue={(text) => form.set("perm", Number(text))}>
          {TOPIC_PERMS.map((perm) => (
            <option key={perm} value={perm}>
              {permLabel(perm)}
            </option>
          ))}
        </SelectField>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={form.values.order ?? false} onChange={(e) => form.set("order", e.target.checked)} />
          {t("order")}
        </label>
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
