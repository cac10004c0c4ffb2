"use client";

import { Badge } from "../ui/badge";
import { type JobStepData, STATE_TONES, formatDuration } from "./types";

const BAR_COLORS: Record<string, string> = {
  succeeded: "bg-emerald-500",
  running: "bg-indigo-500 animate-pulse",
  failed: "bg-red-500",
  cancelled: "bg-amber-500",
  interrupted: "bg-amber-500",
};

/** Every step on one time axis, from the job's start to its end (or now). */
export function Timeline({
  steps,
  startedAt,
  finishedAt,
  now,
}: {
  steps: JobStepData[];
  startedAt: string | null;
  finishedAt: string | null;
  now: number;
}) {
  const start = startedAt ? Date.parse(startedAt) : now;
  const end = Math.max(finishedAt ? Date.parse(finishedAt) : now, start + 1000);
  const position = (iso: string | null, fallback: number) => (((iso ? Date.parse(iso) : fallback) - start) / (end - start)) * 100;
  return (
    <table aria-label="Steps" className="w-full text-sm">
      <thead className="text-left text-xs text-slate-500">
        <tr>
          <th className="py-1 pr-2 font-medium">Step</th>
          <th className="py-1 pr-2 font-medium">State</th>
          <th className="py-1 pr-2 font-medium">Time</th>
          <th className="w-1/2 py-1 font-medium">Timeline</th>
        </tr>
      </thead>
      <tbody>
        {steps.map((step) => {
          const left = Math.max(0, position(step.startedAt, now));
          const right = Math.min(100, position(step.finishedAt, now));
          return (
            <tr key={step.id} className="border-t border-slate-100 align-top" data-step={step.key}>
              <td className="py-1 pr-2">
                {step.title}
                {step.changed === false && step.state === "succeeded" && <span className="ml-1 text-xs text-slate-500">(no change)</span>}
                {step.error && <p className="text-xs text-red-700">{step.error}</p>}
              </td>
              <td className="py-1 pr-2">
                <Badge tone={STATE_TONES[step.state]}>{step.state}</Badge>
                {step.exitCode !== null && step.state === "failed" && (
                  <span className="ml-1 text-xs text-slate-500">exit {step.exitCode}</span>
                )}
              </td>
              <td className="py-1 pr-2 text-xs text-slate-600">{formatDuration(step.startedAt, step.finishedAt, now)}</td>
              <td className="py-1">
                {step.startedAt && (
                  <div className="relative h-3 rounded bg-slate-100">
                    <div
                      className={`absolute h-3 rounded ${BAR_COLORS[step.state] ?? "bg-slate-400"}`}
                      style={{ left: `${left}%`, width: `${Math.max(0.5, right - left)}%` }}
                    />
                  </div>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
