"use client";

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
  const up = nameServers.filter((ns) => ns.health === "up").length;
  return (
    <section aria-label="NameServers" className="space-y-2">
      <ul className="flex flex-wrap gap-2">
        {nameServers.map((ns) => (
          <li
            key={ns.address}
            data-testid={`topology-namesrv-${ns.address}`}
            data-health={ns.health}
            title={ns.reading.error ?? undefined}
            className="flex items-center gap-2 rounded-md border border-slate-200 bg-white px-2.5 py-1.5 text-sm"
          >
            <span className="text-slate-500">NameServer</span>
            <span className="font-mono">{ns.address}</span>
            <HealthBadge health={ns.health} />
            <ReadingAge reading={ns.reading} now={now} />
            {operations && (
              <OperationButton
                access={operations}
                request={{ action: "restart", target: { kind: "namesrv", address: ns.address } }}
                label={`Restart NameServer ${ns.address}`}
              >
                Restart
              </OperationButton>
            )}
          </li>
        ))}
      </ul>
      {nameServers.length > 0 && up === 0 && nameServers.some((ns) => ns.health === "down" || ns.health === "stale") && (
        <Alert tone="warning">
          <span data-testid="namesrv-degraded">
            No NameServer answers: clients cannot look up routes and brokers cannot register. Leaders and terms below still come from the
            DLedger nodes themselves.
          </span>
        </Alert>
      )}
      {up > 0 && up < nameServers.length && (
        <Alert tone="warning">
          <span data-testid="namesrv-degraded">
            {nameServers.length - up} of {nameServers.length} NameServers do not answer; the view uses the ones that do.
          </span>
        </Alert>
      )}
    </section>
  );
}
