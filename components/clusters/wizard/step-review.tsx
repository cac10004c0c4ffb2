"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { reviewDraft } from "@/lib/clusters/review";
import { countBySeverity, diffFiles, type RenderedFile } from "@/lib/design";
import { inLanguage } from "@/lib/i18n/schema";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
import { useLanguage } from "../../ui/use-language";
import { Card } from "../../ui/page-header";
import { DiffView } from "../diff-view";
import { downloadFilesAsZip } from "../download-zip";
import { FilePreview } from "../file-preview";
import { FindingsTable } from "../findings-table";
import { clusterKeys, saveRevision } from "../queries";
import type { StepProps } from "./cluster-wizard";

interface ReviewProps extends StepProps {
  clusterId: string;
  previousFiles: RenderedFile[] | null;
  previousNumber: number | null;
}

/** Every file as it will be written, the linter's findings, the diff against the desired revision, and save. */
export function StepReview({ draft, clusterId, previousFiles, previousNumber }: ReviewProps) {
  const t = useTranslations("wizard.review");
  const queryClient = useQueryClient();
  const language = useLanguage();
  const review = useMemo(() => inLanguage(language, () => reviewDraft(draft)), [draft, language]);
  const counts = countBySeverity(review.findings);
  const diffs = useMemo(() => diffFiles(previousFiles ?? [], review.files), [previousFiles, review.files]);
  const [note, setNote] = useState("");
  const [markDesired, setMarkDesired] = useState(true);
  const save = useMutation({
    mutationFn: () => saveRevision(clusterId, { note, markDesired }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clusterKeys.all }),
  });
  const blocked = !review.spec || counts.error > 0;

  return (
    <div className="space-y-5">
      {review.specErrors.length > 0 && (
        <Alert>
          <p className="font-medium">{t("incomplete")}</p>
          <ul className="list-disc pl-5">
            {review.specErrors.map((e, i) => (
              <li key={i}>
                <code>{e.path || t("root")}</code>: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <p className="text-sm" data-testid="lint-summary">
        {t("summary", { ...counts, files: review.files.length })}
      </p>
      <Card title={t("findings")}>
        <FindingsTable findings={review.findings} />
      </Card>
      <Card
        title={t("files")}
        actions={
          <Button
            variant="secondary"
            disabled={review.files.length === 0}
            onClick={() => downloadFilesAsZip(review.files, draft.cluster.name)}
          >
            {t("download")}
          </Button>
        }
      >
        <FilePreview files={review.files} />
      </Card>
      <Card title={previousNumber ? t("changes", { number: String(previousNumber) }) : t("firstChanges")}>
        <DiffView diffs={diffs} />
      </Card>
      <Card title={t("save.title")}>
        <div className="space-y-3">
          <label className="block text-sm">
            {t("save.note")}
            <input
              aria-label={t("save.noteLabel")}
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
              placeholder={t("save.notePlaceholder")}
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={markDesired} onChange={(e) => setMarkDesired(e.target.checked)} /> {t("save.markDesired")}
          </label>
          {blocked && <Alert tone="warning">{t("save.blocked")}</Alert>}
          {save.error && <Alert>{save.error.message}</Alert>}
          {save.data && (
            <Alert tone="success">
              {t("save.saved", { number: String(save.data.number) })}{" "}
              <Link href={`/clusters/${clusterId}`} className="underline">
                {t("save.open")}
              </Link>
            </Alert>
          )}
          <Button disabled={blocked || save.isPending} onClick={() => save.mutate()}>
            {t("save.submit")}
          </Button>
        </div>
      </Card>
    </div>
  );
}
