"use client";

import { useTranslations } from "next-intl";
import { DEFAULT_NAMESERVER_PORT, namesrvAddr } from "@/lib/design";
import { Alert } from "../../ui/alert";
import { NumberCell } from "./inputs";
import type { StepProps } from "./cluster-wizard";

/** Pick the NameServer hosts; the seed runs one per datacenter, two in all. */
export function StepNameServers({ draft, onChange, datacenters }: StepProps) {
  const t = useTranslations("wizard.nameServers");
  const selected = new Map(draft.nameServers.map((ns) => [ns.hostId, ns]));
  const toggle = (hostId: string, address: string, on: boolean) =>
    onChange({
      ...draft,
      nameServers: on
        ? [...draft.nameServers, { hostId, address, port: DEFAULT_NAMESERVER_PORT }]
        : draft.nameServers.filter((ns) => ns.hostId !== hostId),
    });
  const setPort = (hostId: string, port: number | undefined) =>
    onChange({
      ...draft,
      nameServers: draft.nameServers.map((ns) => (ns.hostId === hostId ? { ...ns, port: port ?? DEFAULT_NAMESERVER_PORT } : ns)),
    });

  return (
    <div className="space-y-4">
      <p className="text-sm text-slate-600">{t("intro")}</p>
      {draft.hosts.length === 0 && <Alert tone="warning">{t("noHosts")}</Alert>}
      {datacenters.map((dc) => {
        const hosts = draft.hosts.filter((h) => h.datacenterId === dc.id);
        if (hosts.length === 0) return null;
        return (
          <fieldset key={dc.id} className="rounded border border-slate-200 p-3">
            <legend className="px-1 text-sm font-medium">{dc.code}</legend>
            <ul className="space-y-1">
              {hosts.map((h) => (
                <li key={h.id} className="flex items-center gap-3 text-sm">
                  <label className="flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={selected.has(h.id)}
                      onChange={(e) => toggle(h.id, h.address, e.target.checked)}
                      aria-label={t("on", { host: h.name })}
                    />
                    <span className="font-medium">{h.name}</span> <span className="font-mono text-slate-500">{h.address}</span>
                  </label>
                  {selected.has(h.id) && (
                    <span className="flex w-28 items-center gap-1">
                      {t("port")}{" "}
                      <NumberCell
                        aria-label={t("portOn", { host: h.name })}
                        value={selected.get(h.id)!.port}
                        onValue={(p) => setPort(h.id, p)}
                      />
                    </span>
                  )}
                </li>
              ))}
            </ul>
          </fieldset>
        );
      })}
      <p className="text-sm">
        {t("namesrvAddr")} <code data-testid="namesrv-addr">{draft.nameServers.length ? namesrvAddr(draft) : t("none")}</code>
      </p>
    </div>
  );
}
