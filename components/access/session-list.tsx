"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import { accessKeys, fetchSessions, revokeOtherSessions, revokeSession, type SessionRow } from "./queries";

export function SessionList({ initial }: { initial: SessionRow[] }) {
  const t = useTranslations("access.sessions");
  const queryClient = useQueryClient();
  const { data: rows = initial } = useQuery({ queryKey: accessKeys.sessions, queryFn: fetchSessions, initialData: initial });
  const [error, setError] = useState<string | null>(null);
  const settle = {
    onMutate: () => setError(null),
    onError: (e: Error) => setError(e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accessKeys.sessions }),
  };
  const revokeOne = useMutation({ mutationFn: revokeSession, ...settle });
  const revokeOthers = useMutation({ mutationFn: revokeOtherSessions, ...settle });
  const others = rows.filter((session) => !session.current).length;
  return (
    <Card
      title={t("title")}
      actions={
        <Button variant="secondary" disabled={others === 0 || revokeOthers.isPending} onClick={() => revokeOthers.mutate()}>
          {t("revokeOthers")}
        </Button>
      }
    >
      <div className="space-y-3">
        {error && <Alert>{error}</Alert>}
        <DataTable
          label={t("table")}
          rows={rows}
          rowKey={(session) => session.id}
          columns={[
            {
              key: "created",
              header: t("columns.created"),
              value: (session) => session.createdAt,
              render: (session) => <LocalTime at={session.createdAt} />,
            },
            {
              key: "seen",
              header: t("columns.lastSeen"),
              value: (session) => session.lastSeenAt,
              render: (session) => <LocalTime at={session.lastSeenAt} />,
            },
            {
              key: "this",
              header: "",
              value: (session) => (session.current ? t("thisBrowser") : ""),
              render: (session) => (session.current ? <Badge tone="good">{t("thisBrowser")}</Badge> : null),
            },
            {
              key: "actions",
              header: "",
              value: () => "",
              render: (session) =>
                session.current ? null : (
                  <Button variant="secondary" disabled={revokeOne.isPending} onClick={() => revokeOne.mutate(session.id)}>
                    {t("revoke")}
                  </Button>
                ),
            },
          ]}
        />
      </div>
    </Card>
  );
}
