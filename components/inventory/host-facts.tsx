"use client";

import { useTranslations } from "next-intl";
import { hostFactsSchema } from "@/lib/inventory/facts-schema";
import { LocalTime } from "../ui/local-time";

const GiB = 1024 ** 3;

export function HostFactsView({ facts, gatheredAt }: { facts: unknown; gatheredAt: string }) {
  const t = useTranslations("hosts.facts");
  const tc = useTranslations("common");
  const parsed = hostFactsSchema.safeParse(facts);
  if (!parsed.success) return <p className="text-sm text-red-700">{t("unexpectedShape")}</p>;
  const f = parsed.data;
  const gib = (bytes: number) => (bytes / GiB).toFixed(1);
  return (
    <dl className="grid grid-cols-[9rem_1fr] gap-y-1 text-sm" data-testid="host-facts">
      <dt className="text-slate-500">{t("gathered")}</dt>
      <dd>
        <LocalTime at={gatheredAt} />
      </dd>
      <dt className="text-slate-500">{t("os")}</dt>
      <dd>{f.os.prettyName}</dd>
      <dt className="text-slate-500">{t("kernel")}</dt>
      <dd className="font-mono text-xs">{f.kernel}</dd>
      <dt className="text-slate-500">{t("cpus")}</dt>
      <dd>{f.cpuCount}</dd>
      <dt className="text-slate-500">{t("memory")}</dt>
      <dd>{t("gib", { size: gib(f.memoryBytes) })}</dd>
      <dt className="text-slate-500">{t("freeDisk")}</dt>
      <dd>
        {t.rich("freeDiskAt", {
          size: gib(f.diskFreeBytes),
          path: f.diskPath,
          mono: (chunks) => <span className="font-mono">{chunks}</span>,
        })}
      </dd>
      <dt className="text-slate-500">{t("java")}</dt>
      <dd data-testid="fact-java">{f.java ? f.java.version : t("noJava")}</dd>
      <dt className="text-slate-500">{t("listeningTcp")}</dt>
      <dd className="font-mono text-xs">{f.listeningTcpPorts.length ? f.listeningTcpPorts.join(", ") : tc("none")}</dd>
    </dl>
  );
}
