"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useMemo, useState } from "react";
import { reviewDraft } from "@/lib/clusters/review";
import { countBySeverity, diffFiles, type RenderedFile } from "@/lib/design";
import { Alert } from "../../ui/alert";
import { Button } from "../../ui/button";
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
  const queryClient = useQueryClient();
  const review = useMemo(() => reviewDraft(draft), [draft]);
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
          <p className="font-medium">The design is not complete yet:</p>
          <ul className="list-disc pl-5">
            {review.specErrors.map((e, i) => (
              <li key={i}>
                <code>{e.path || "cluster"}</code>: {e.message}
              </li>
            ))}
          </ul>
        </Alert>
      )}
      <p className="text-sm" data-testid="lint-summary">
        {counts.error} errors, {counts.warning} warnings, {counts.info} notes · {review.files.length} files
      </p>
      <Card title="Lint findings">
        <FindingsTable findings={review.findings} />
      </Card>
      <Card
        title="Generated files"
        actions={
          <Button
            variant="secondary"
            disabled={review.files.length === 0}
            onClick={() => downloadFilesAsZip(review.files, draft.cluster.name)}
          >
            Download all as zip
          </Button>
        }
      >
        <FilePreview files={review.files} />
      </Card>
      <Card
        title={previousNumber ? `Changes against revision #${previousNumber} (desired)` : "Changes (first revision: every file is new)"}
      >
        <DiffView diffs={diffs} />
      </Card>
      <Card title="Save as a revision">
        <div className="space-y-3">
          <label className="block text-sm">
            Note
            <input
              aria-label="Revision note"
              value={note}
              onChange={(e) => setNote(e.target.value)}
              className="mt-1 block w-full rounded border border-slate-300 px-2 py-1.5 text-sm"
              placeholder="What changed and why"
            />
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={markDesired} onChange={(e) => setMarkDesired(e.target.checked)} /> Mark as the desired state
          </label>
          {blocked && <Alert tone="warning">Saving is blocked until the design is complete and the linter reports no errors.</Alert>}
          {save.error && <Alert>{save.error.message}</Alert>}
          {save.data && (
            <Alert tone="success">
              Saved revision #{save.data.number}.{" "}
              <Link href={`/clusters/${clusterId}`} className="underline">
                Open the cluster
              </Link>
            </Alert>
          )}
          <Button disabled={blocked || save.isPending} onClick={() => save.mutate()}>
            Save revision
          </Button>
        </div>
      </Card>
    </div>
  );
}
