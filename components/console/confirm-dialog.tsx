"use client";

import { useTranslations } from "next-intl";
import { type ReactNode, useLayoutEffect, useRef } from "react";
import { createPortal } from "react-dom";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";

/** A modal that asks before something that cannot be undone; the confirm button names what it does. */
export function ConfirmDialog({
  title,
  confirmLabel,
  busy,
  error,
  onConfirm,
  onClose,
  children,
}: {
  title: string;
  confirmLabel: string;
  busy: boolean;
  error: string | null;
  onConfirm: () => void;
  onClose: () => void;
  children: ReactNode;
}) {
  const t = useTranslations("common");
  const dialog = useRef<HTMLDialogElement>(null);
  // Guarded: React's development double-mount would otherwise call showModal on an open dialog, which throws.
  useLayoutEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  return createPortal(
    <dialog
      ref={dialog}
      aria-label={title}
      onClose={onClose}
      onCancel={(e) => busy && e.preventDefault()}
      className="m-auto w-[min(36rem,95vw)] rounded-lg bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/40"
    >
      <h2 className="border-b border-slate-200 px-5 py-3 text-base font-semibold">{title}</h2>
      <div className="space-y-3 px-5 py-4 text-sm">
        {children}
        {error && <Alert>{error}</Alert>}
      </div>
      <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3">
        <Button variant="secondary" disabled={busy} onClick={() => dialog.current?.close()}>
          {t("cancel")}
        </Button>
        <Button variant="danger" disabled={busy} onClick={onConfirm}>
          {confirmLabel}
        </Button>
      </div>
    </dialog>,
    document.body,
  );
}
