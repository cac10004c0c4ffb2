"use client";

import { useTranslations } from "next-intl";
import type { TopologyEventRecord } from "@/lib/topology/model";
import { LocalTime } from "../ui/local-time";
import { useMessage } from "../ui/use-message";

const DOT = { info: "bg-sky-500", warning: "bg-amber-500", error: "bg-red-600" } as const;

/** Leader changes, terms, nodes and NameServers going down and up: newest first, kept in Postgres across restarts. */
export function EventTimeline({ events }: { events: TopologyEventRecord[] }) {
  const t = useTranslations("topology.timeline");
  const render = useMessage();
  const newest = [...events].reverse();
  return (
    <section aria-label={t("label")} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <h2 className="mb-2 text-base font-semibold">{t("title")}</h2>
      {newest.length === 0 ? (
        <p className="text-sm text-slate-500">{t("empty")}</p>
      ) : (
        <ol className="max-h-96 space-y-1.5 overflow-y-auto pr-1 text-sm">
          {newest.map((event) => (
            <li key={event.id} className="flex gap-2" data-testid="topology-event" data-kind={event.kind}>
              <span className={`mt-1.5 h-2 w-2 shrink-0 rounded-full ${DOT[event.severity]}`} aria-hidden />
              <time dateTime={event.at} className="shrink-0 font-mono text-xs leading-5 text-slate-500" title={event.at}>
                <LocalTime at={event.at} timeOnly />
              </time>
              {/* Events stored before they carried a message have their English text only. */}
              <span className="leading-5">{render(event.text ?? event.message)}</span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
