"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type SendMessageInput, type SendResult, sendMessageSchema } from "@/lib/console/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextAreaField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { messageHref } from "./links";
import { consoleKeys, sendMessage } from "./queries";

/** Sends one message to the topic (operators) and says where it landed: group, queue, offset and its ids. */
export function SendMessageForm({ clusterId, topic, onClose }: { clusterId: string; topic: string; onClose: () => void }) {
  const t = useTranslations("console.send");
  const tc = useTranslations("common");
  const queryClient = useQueryClient();
  const form = useZodForm(sendMessageSchema, { body: "", tags: "", keys: "" });
  const send = useMutation({
    mutationFn: (input: SendMessageInput) =>
      sendMessage(clusterId, topic, { ...input, tags: input.tags || undefined, keys: input.keys || undefined }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: consoleKeys.all(clusterId) }),
    onError: form.showServerError,
  });
  return (
    <Card title={t("title", { topic })}>
      <form className="space-y-3" aria-label={t("title", { topic })} onSubmit={form.onSubmit((input) => send.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <div className="grid grid-cols-2 gap-3">
          <TextField label={t("tags")} autoComplete="off" {...form.field("tags")} />
          <TextField label={t("keys")} hint={t("keysHint")} autoComplete="off" {...form.field("keys")} />
        </div>
        <TextAreaField label={t("body")} rows={4} {...form.field("body")} />
        <div className="flex gap-2">
          <Button type="submit" disabled={send.isPending}>
            {t("send")}
          </Button>
          <Button variant="secondary" onClick={onClose}>
            {tc("cancel")}
          </Button>
        </div>
      </form>
      {send.data && <Landed clusterId={clusterId} topic={topic} result={send.data} />}
    </Card>
  );
}

function Landed({ clusterId, topic, result }: { clusterId: string; topic: string; result: SendResult }) {
  const t = useTranslations("console.send");
  return (
    <div className="mt-3" data-testid="send-result">
      <Alert tone="success">
        {t("landed", { brokerName: result.brokerName, queueId: result.queueId, offset: result.queueOffset })}{" "}
        <Link href={messageHref(clusterId, topic, result.msgId)} className="font-mono underline">
          {result.msgId}
        </Link>
      </Alert>
    </div>
  );
}
