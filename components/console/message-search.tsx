"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { messageIdSchema } from "@/lib/console/schema";
import { safeParseIn } from "@/lib/i18n/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { useLanguage } from "../ui/use-language";
import { messageHref } from "./links";
import { MessageTable } from "./message-table";
import { consoleKeys, type MessageSearch as Search, searchMessages } from "./queries";
import { localToIso } from "./time-range";

type Mode = "range" | "key" | "id";

/** A topic's messages: newest first over a time range (paged on), by key, or one by its id. */
export function MessageSearch({ clusterId, topic }: { clusterId: string; topic: string }) {
  const t = useTranslations("console.messages");
  const language = useLanguage();
  const router = useRouter();
  const [mode, setMode] = useState<Mode>("range");
  const [from, setFrom] = useState("");
  const [to, setTo] = useState("");
  const [key, setKey] = useState("");
  const [messageId, setMessageId] = useState("");
  const [idError, setIdError] = useState<string | undefined>();
  // Opening the tab shows the last hour at once: the server's default range.
  const [search, setSearch] = useState<Search | null>({ kind: "range" });

  const results = useInfiniteQuery({
    queryKey: consoleKeys.messages(clusterId, topic, search),
    queryFn: ({ pageParam }) => searchMessages(clusterId, topic, search as Search, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: search !== null,
    retry: false,
  });

  const submit = (event: { preventDefault(): void }) => {
    event.preventDefault();
    if (mode === "range") setSearch({ kind: "range", from: localToIso(from), to: localToIso(to) });
    else if (mode === "key") setSearch(key.trim() ? { kind: "key", key: key.trim() } : null);
    else {
      const parsed = safeParseIn(messageIdSchema, messageId.trim(), language);
      if (!parsed.success) return setIdError(parsed.error.issues[0]?.message);
      router.push(messageHref(clusterId, topic, parsed.data));
    }
  };

  const messages = results.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="space-y-3">
      <form
        onSubmit={submit}
        aria-label={t("searchLabel")}
        className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3"
      >
        <fieldset className="flex gap-3 text-sm">
          <legend className="sr-only">{t("searchBy")}</legend>
          {(["range", "key", "id"] as const).map((m) => (
            <label key={m} className="flex items-center gap-1">
              <input type="radio" name="search-mode" checked={mode === m} onChange={() => setMode(m)} />
              {t(`mode.${m}`)}
            </label>
          ))}
        </fieldset>
        {mode === "range" && (
          <>
            <div className="w-56">
              <TextField
                label={t("from")}
                name="from"
                type="datetime-local"
                step={1}
                value={from}
                onValue={setFrom}
                hint={t("rangeHint")}
              />
            </div>
            <div className="w-56">
              <TextField label={t("to")} name="to" type="datetime-local" step={1} value={to} onValue={setTo} />
            </div>
          </>
        )}
        {mode === "key" && (
          <div className="w-72">
            <TextField label={t("key")} name="key" value={key} onValue={setKey} autoComplete="off" />
          </div>
        )}
        {mode === "id" && (
          <div className="w-96">
            <TextField
              label={t("messageId")}
              name="messageId"
              value={messageId}
              error={idError}
              autoComplete="off"
              onValue={(v) => {
                setMessageId(v);
                setIdError(undefined);
              }}
            />
          </div>
        )}
        <Button type="submit">{mode === "id" ? t("open") : t("search")}</Button>
      </form>
      {results.error && <Alert>{results.error.message}</Alert>}
      {mode !== "id" && (
        <>
          <MessageTable
            clusterId={clusterId}
            messages={messages}
            emptyText={results.isFetching ? t("searching") : search?.kind === "key" ? t("noneForKey") : t("noneInRange")}
          />
          {results.hasNextPage && (
            <Button variant="secondary" disabled={results.isFetchingNextPage} onClick={() => void results.fetchNextPage()}>
              {t("older")}
            </Button>
          )}
        </>
      )}
    </div>
  );
}
