"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { RESEND_MAX } from "@/lib/console/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import type { ConsoleAccess } from "./access";
import { MessageTable } from "./message-table";
import { consoleKeys, fetchDlq, type MessageRange, resendDlq } from "./queries";
import { localToIso } from "./time-range";

/** A group's dead-letter queue (%DLQ%group), newest first; operators pick messages and resend them to the group. */
export function DeadLetters({ clusterId, group, access }: { clusterId: string; group: string; access: ConsoleAccess }) {
  const t = useTranslations("console.dlq");
  const queryClient = useQueryClient();
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [range, setRange] = useState<MessageRange>({});
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const letters = useInfiniteQuery({
    queryKey: consoleKeys.dlq(clusterId, group, range),
    queryFn: ({ pageParam }) => fetchDlq(clusterId, group, range, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    retry: false,
  });
  const resend = useMutation({
    mutationFn: (ids: string[]) => resendDlq(clusterId, group, ids),
    onSuccess: () => {
      setSelected(new Set());
      return queryClient.invalidateQueries({ queryKey: consoleKeys.group(clusterId, group) });
    },
  });
  const messages = letters.data?.pages.flatMap((p) => p.items) ?? [];
  const toggle = (msgId: string, on: boolean) =>
    setSelected((s) => {
      const next = new Set(s);
      if (on) next.add(msgId);
      else next.delete(msgId);
      return next;
    });
  const failed = resend.data?.results.filter((r) => !r.ok) ?? [];
  return (
    <div className="space-y-3">
      <form
        aria-label={t("searchLabel")}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
        onSubmit={(e) => {
          e.preventDefault();
          setRange({ from: localToIso(from), to: localToIso(to) });
        }}
      >
        <div className="w-56">
          <TextField
            label={t("from")}
            name="dlq-from"
            type="datetime-local"
            step={1}
            value={from}
            onValue={setFrom}
            hint={t("rangeHint")}
          />
        </div>
        <div className="w-56">
          <TextField label={t("to")} name="dlq-to" type="datetime-local" step={1} value={to} onValue={setTo} />
        </div>
        <Button type="submit">{t("search")}</Button>
        {access.canWrite && (
          <Button
            className="ml-auto"
            disabled={selected.size === 0 || selected.size > RESEND_MAX || resend.isPending}
            onClick={() => resend.mutate([...selected])}
          >
            {t("resend", { count: selected.size })}
          </Button>
        )}
      </form>
      {letters.error && <Alert>{letters.error.message}</Alert>}
      {resend.error && <Alert>{resend.error.message}</Alert>}
      {resend.data && (
        <div data-testid="resend-result">
          <Alert tone={failed.length ? "warning" : "success"}>
            {t("resent", { ok: resend.data.results.length - failed.length, failed: failed.length })}
            {failed.map((r) => (
              <span key={r.messageId} className="block font-mono text-xs">
                {r.messageId}: {r.error}
              </span>
            ))}
          </Alert>
        </div>
      )}
      <MessageTable
        clusterId={clusterId}
        messages={messages}
        emptyText={letters.isFetching ? t("searching") : t("none")}
        selection={access.canWrite ? { selected, toggle } : undefined}
      />
      {letters.hasNextPage && (
        <Button variant="secondary" disabled={letters.isFetchingNextPage} onClick={() => void letters.fetchNextPage()}>
          {t("older")}
        </Button>
      )}
    </div>
  );
}
