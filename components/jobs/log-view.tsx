"use client";

import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useMessage } from "../ui/use-message";
import type { JobStepData, LogLineData } from "./types";

const STREAM_COLORS = { stdout: "text-slate-100", stderr: "text-red-300", info: "text-sky-200" } as const;

/** The job's log, newest at the bottom; follows new lines unless the reader scrolled up. */
export function LogView({ lines, steps }: { lines: LogLineData[]; steps: JobStepData[] }) {
  const t = useTranslations("jobs.log");
  const say = useMessage();
  const box = useRef<HTMLDivElement>(null);
  const following = useRef(true);
  const hostOf = new Map(steps.map((s) => [s.id, s.hostName ?? t("cluster")]));

  // biome-ignore lint/correctness/useExhaustiveDependencies: the effect reads refs only; new lines are what should re-run it.
  useEffect(() => {
    if (following.current && box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [lines.length]);

  return (
    <div
      ref={box}
      role="log"
      aria-label={t("label")}
      data-lines={lines.length}
      data-last-seq={lines.at(-1)?.seq ?? 0}
      onScroll={(e) => {
        const el = e.currentTarget;
        following.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
      className="h-96 overflow-auto rounded-md bg-slate-900 p-3 font-mono text-xs leading-5"
    >
      {lines.length === 0 && <p className="text-slate-400">{t("empty")}</p>}
      {lines.map((line) => (
        <div key={line.seq} data-seq={line.seq} className={`whitespace-pre-wrap break-all ${STREAM_COLORS[line.stream]}`}>
          <span className="select-none text-slate-500">{line.at.slice(11, 23)} </span>
          {line.stepId && <span className="text-amber-200">[{hostOf.get(line.stepId)}] </span>}
          {say(line.message ?? line.text)}
        </div>
      ))}
    </div>
  );
}
