"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import type { OperationAccess } from "./access";
import { OperationDialog } from "./operation-dialog";
import { createUpgradeRevision } from "./queries";

/**
 * "Upgrade to 4.9.7": saves the revision that changes only the release, then opens its apply plan. Nothing runs
 * before the plan's confirm; a cancelled plan leaves the new revision desired, to apply later.
 */
export function UpgradeButton({ access, version, testId }: { access: OperationAccess; version: string; testId?: string }) {
  const t = useTranslations("lifecycle.upgrade");
  const router = useRouter();
  const [revision, setRevision] = useState<number | null>(null);
  const create = useMutation({
    mutationFn: () => createUpgradeRevision(access.clusterId, version),
    onSuccess: (created) => setRevision(created.revision),
  });
  return (
    <span className="inline-flex flex-col gap-1">
      <Button data-testid={testId} disabled={create.isPending} onClick={() => create.mutate()}>
        {create.isPending ? t("creating", { version }) : t("to", { version })}
      </Button>
      {create.error && <Alert>{create.error.message}</Alert>}
      {revision !== null && (
        <OperationDialog
          access={access}
          request={{ action: "apply", revision }}
          onClose={() => {
            setRevision(null);
            // The page's desired revision and its "Apply revision #N" follow the revision just saved.
            router.refresh();
          }}
        />
      )}
    </span>
  );
}
