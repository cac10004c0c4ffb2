"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { type HostRow, inventoryKeys, testConnection, trustHostKey } from "./queries";

// What the operator runs on the machine to see its host key's fingerprint: a command, the same in every language.
const FINGERPRINT_COMMAND = "ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub";

/** Test connection → (first time) show the host key and ask to trust it → gather facts. */
export function HostConnection({ host, canOperate, isAdmin }: { host: HostRow; canOperate: boolean; isAdmin: boolean }) {
  const t = useTranslations("hosts.connection");
  const queryClient = useQueryClient();
  const [diskPath, setDiskPath] = useState("/");
  const [offered, setOffered] = useState<string | null>(null);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: inventoryKeys.host(host.id) }),
      queryClient.invalidateQueries({ queryKey: inventoryKeys.hosts, exact: true }),
    ]);

  const test = useMutation({
    mutationFn: () => testConnection(host.id, diskPath),
    onMutate: () => setOffered(null),
    onSuccess: (result) => {
      if (result.status === "needs_trust") setOffered(result.fingerprint);
      return refresh();
    },
  });
  const trust = useMutation({
    mutationFn: (fingerprint: string) => trustHostKey(host.id, fingerprint),
    onSuccess: async () => {
      setOffered(null);
      await refresh();
      test.mutate();
    },
  });

  return (
    <Card title={t("title")}>
      <dl className="mb-3 grid grid-cols-[9rem_1fr] gap-y-1 text-sm">
        <dt className="text-slate-500">{t("hostKey")}</dt>
        <dd data-testid="pinned-fingerprint" className="break-all font-mono text-xs">
          {host.hostKeyFingerprint ?? <Badge tone="warn">{t("notTrustedYet")}</Badge>}
        </dd>
      </dl>
      {canOperate ? (
        <div className="space-y-3">
          <TextField label={t("diskPath")} name="diskPath" value={diskPath} onValue={setDiskPath} />
          <Button onClick={() => test.mutate()} disabled={test.isPending || !host.credentialId}>
            {test.isPending ? t("connecting") : t("test")}
          </Button>
          {!host.credentialId && <p className="text-xs text-slate-600">{t("needsCredential")}</p>}
          {test.error && <Alert>{test.error.message}</Alert>}
          {test.data?.status === "ok" && <Alert tone="success">{t("connected", { ms: test.data.elapsedMs })}</Alert>}
          {offered && (
            <div
              className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm"
              role="dialog"
              aria-label={t("trustDialog")}
            >
              <p>{t.rich("compare", { command: FINGERPRINT_COMMAND, code: (chunks) => <code>{chunks}</code> })}</p>
              <p data-testid="offered-fingerprint" className="break-all font-mono text-xs">
                {offered}
              </p>
              {host.hostKeyFingerprint && !isAdmin ? (
                <p>{t("replaceNeedsAdmin")}</p>
              ) : (
                <Button onClick={() => trust.mutate(offered)} disabled={trust.isPending}>
                  {t("trust")}
                </Button>
              )}
              {trust.error && <Alert>{trust.error.message}</Alert>}
            </div>
          )}
        </div>
      ) : (
        <p className="text-sm text-slate-600">{t("operatorsOnly")}</p>
      )}
    </Card>
  );
}
