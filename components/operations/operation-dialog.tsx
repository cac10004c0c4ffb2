"use client";

import { useTranslations } from "next-intl";
import { useLayoutEffect, useRef, useState } from "react";
import { createPortal } from "react-dom";
import type { OperationRequest } from "@/lib/operations/schema";
import { usePlannedJob } from "../jobs/use-planned-job";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useMessage } from "../ui/use-message";
import type { OperationAccess } from "./access";
import { type OperationInput, useOperationLabel } from "./labels";
import { PlanDetails } from "./plan-details";
import { fetchOperationPreview, operationKeys, startOperation } from "./queries";

/**
 * Confirms one operation: previews its plan on open (the server creates nothing), shows what will happen to which
 * node, and starts the job only on the confirm button, which names what it does. On success, the job's page.
 */
export function OperationDialog({
  access,
  request,
  clusterName,
  onClose,
}: {
  access: OperationAccess;
  request: OperationInput;
  clusterName?: string;
  onClose: () => void;
}) {
  const t = useTranslations("operations.dialog");
  const tl = useTranslations("lifecycle.dialog");
  const say = useMessage();
  const operationLabel = useOperationLabel();
  const dialog = useRef<HTMLDialogElement>(null);
  const [force, setForce] = useState(false);
  const [deleteData, setDeleteData] = useState(false);
  const body: OperationRequest = request.action === "apply" ? { ...request, force, deleteData } : { ...request, force };
  const label = operationLabel(body, clusterName);
  const {
    preview,
    plan,
    shown,
    job,
    starting: busy,
    confirm,
  } = usePlannedJob({
    key: operationKeys.preview(access.clusterId, body),
    request: body,
    fetchPlan: (r: OperationRequest) => fetchOperationPreview(access.clusterId, r),
    createJob: (r: OperationRequest) => startOperation(access.clusterId, r),
  });

  // Before the first paint, so the dialog never shows for a frame outside the top layer. Guarded: React's development
  // double-mount would otherwise call showModal on an open dialog, which throws.
  useLayoutEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);

  // Confirmable only on a fresh plan that is not refused (as a whole or in one of its changes), or whose refusal an
  // admin chose to force.
  const refusedChange = plan?.changes?.some((change) => change.refused !== null) ?? false;
  const blocked = !plan || refusedChange || (plan.refusal !== null && !(force && plan.refusal.forceable));
  const mayForce = access.canForce && (force || shown?.refusal?.forceable === true);
  // Offered while the plan decommissions a group (or did, while a changed request is planned).
  const mayDeleteData = access.canDeleteData && (deleteData || shown?.steps.some((step) => step.action === "decommission") === true);

  const title = shown ? say(shown.titleMessage) : label;

  // Portalled to <body>: the dialog's buttons must not land inside the node panel or the NameServer bar, whose own
  // buttons ("Restart") would otherwise share a container with "Restart suzhou@broker n1".
  return createPortal(
    <dialog
      ref={dialog}
      aria-label={title}
      data-testid="operation-dialog"
      onClose={onClose}
      onCancel={(e) => busy && e.preventDefault()}
      className="m-auto max-h-[90vh] w-[min(56rem,95vw)] flex-col open:flex rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">{title}</h2>
      <div className="min-h-0 flex-1 space-y-4 overflow-auto px-5 py-4">
        {preview.isPending && <p className="text-sm text-slate-600">{t("planning")}</p>}
        {preview.error && <Alert>{preview.error.message}</Alert>}
        {shown && <PlanDetails plan={shown} />}
      </div>
      <div className="space-y-3 border-t border-slate-200 px-5 py-3">
        {shown?.refusal && (
          <div data-testid="operation-refusal">
            <Alert>{say(shown.refusalMessage ?? shown.refusal.message)}</Alert>
          </div>
        )}
        {mayForce && (
          <label className="flex items-start gap-2 text-sm text-red-800">
            <input type="checkbox" className="mt-0.5" checked={force} disabled={busy} onChange={(e) => setForce(e.target.checked)} />
            <span>{t("force")}</span>
          </label>
        )}
        {mayDeleteData && (
          <label data-testid="operation-delete-data" className="flex items-start gap-2 text-sm text-red-800">
            <input
              type="checkbox"
              className="mt-0.5"
              checked={deleteData}
              disabled={busy}
              onChange={(e) => setDeleteData(e.target.checked)}
            />
            <span>{tl("deleteData")}</span>
          </label>
        )}
        {job.error && (
          <div data-testid="operation-error">
            <Alert>{job.error.message}</Alert>
          </div>
        )}
        <div className="flex justify-end gap-2">
          <Button variant="secondary" disabled={busy} onClick={() => dialog.current?.close()}>
            {t("cancel")}
          </Button>
          <Button
            variant={body.action === "stop" || force || deleteData ? "danger" : "primary"}
            disabled={blocked || preview.isFetching || busy}
            onClick={confirm}
          >
            {label}
          </Button>
        </div>
      </div>
    </dialog>,
    document.body,
  );
}
