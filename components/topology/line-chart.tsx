"use client";

import { useTranslations } from "next-intl";

/** A small time-series chart (SVG), for a node's last hour. Gaps (null values) break the line. */
export function LineChart({
  label,
  points,
  from,
  to,
  format,
  max,
}: {
  label: string;
  points: { at: number; value: number | null }[];
  from: number;
  to: number;
  format: (value: number) => string;
  /** Fixed top of the scale (e.g. 1 for a ratio); otherwise the largest value. */
  max?: number;
}) {
  const t = useTranslations("topology.chart");
  const width = 320;
  const height = 72;
  const values = points.map((p) => p.value).filter((v): v is number => v !== null);
  const top = max ?? Math.max(1, ...values) * 1.1;
  const x = (at: number) => ((at - from) / Math.max(1, to - from)) * width;
  const y = (value: number) => height - (value / top) * height;
  const segments: string[] = [];
  let current = "";
  for (const point of points) {
    if (point.value === null || point.at < from) {
      if (current) segments.push(current);
      current = "";
      continue;
    }
    current += `${current ? "L" : "M"}${x(point.at).toFixed(1)},${y(point.value).toFixed(1)}`;
  }
  if (current) segments.push(current);
  const latest = values.at(-1);
  const last = points.findLast((p) => p.value !== null && p.at >= from);
  return (
    <figure className="space-y-1">
      <figcaption className="flex justify-between text-xs text-slate-600">
        <span>{label}</span>
        <span className="font-medium text-slate-800">{latest === undefined ? t("noSamples") : format(latest)}</span>
      </figcaption>
      <svg
        viewBox={`0 0 ${width} ${height}`}
        className="h-[72px] w-full rounded border border-slate-200 bg-white"
        role="img"
        aria-label={t("lastHour", { label })}
      >
        <line x1={0} x2={width} y1={height - 0.5} y2={height - 0.5} stroke="#e2e8f0" />
        {segments.map((d, i) => (
          <path key={i} d={d} fill="none" stroke="#4f46e5" strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
        ))}
        {last && last.value !== null && <circle cx={x(last.at)} cy={y(last.value)} r={2.5} fill="#4f46e5" />}
      </svg>
      <div className="flex justify-between text-[10px] text-slate-400">
        <span>{t("start")}</span>
        <span>{t("max", { value: format(values.length ? Math.max(...values) : 0) })}</span>
        <span>{t("now")}</span>
      </div>
    </figure>
  );
}
