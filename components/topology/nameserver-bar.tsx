"use client";

import { useTranslations } from "next-intl";
import type { NameServerSnapshot } from "@/lib/topology/model";
import type { OperationAccess } from "../operations/access";
import { OperationButton } from "../operations/operation-button";
import { Alert } from "../ui/alert";
import { HealthBadge, ReadingAge } from "./format";

/** Each NameServer with its health; a warning when none answers (the DLedger view goes on from the brokers themselves). */
export function NameServerBar({
  nameServers,
  now,
  operations,
}: {
  nameServers: NameServerSnapshot[];
  now: number;
  operations: OperationAccess | null;
}) {
  const t = useTranslations("topology");
  const up = nameServers.filter((ns) => ns.health === "up").length;
  return (
    <section aria-label={t("nameServers.label")} className="space-y-2">
      <ul className="flex flex-wrap gap-2">
        {nameServers.map((ns) => (
          <li
            key={ns.address}
            data-testid={`topology-namesrv-${ns.address}`}
            data-health={ns.health}
            title={ns.reading.error ?? undefined}
            className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-sm"
          >
            <span className="text-slate-500">{t("nameServers.nameServer")}</span>
            <span className="font-mono">{ns.address}</span>
            <HealthBadge health={ns.health} />
            <ReadingAge reading={ns.reading} now={now} />
            {operations && (
              <OperationButton
                access={operations}
                request={{ action: "restart", target: { kind: "namesrv", address: ns.address } }}
                label={t("nameServers.restart", { address: ns.address })}
              >
                {t("actions.restart")}
              </OperationButton>
            )}
          </li>
        ))}
      </ul>
      {nameServers.length > 0 && up === 0 && nameServers.some((ns) => ns.health === "down" || ns.health === "stale") && (
        <Alert tone="warning">
          <span data-testid="namesrv-degraded">{t("nameServers.noneAnswers")}</span>
        </Alert>
      )}
      {up > 0 && up < nameServers.length && (
        <Alert tone="warning">
          <span data-testid="namesrv-degraded">
            {t("nameServers.someDown", { down: nameServers.length - up, total: nameServers.length })}
          </span>
        </Alert>
      )}
    </section>
  );
}
