"use client";

import { useState, type ReactNode } from "react";
import { Button } from "../ui/button";
import type { OperationAccess } from "./access";
import type { OperationInput } from "./labels";
import { OperationDialog } from "./operation-dialog";

/** A button that opens the confirmation of one operation; nothing happens to the cluster before its confirm button. */
export function OperationButton({
  access,
  request,
  clusterName,
  children,
  label,
  testId,
}: {
  access: OperationAccess;
  request: OperationInput;
  clusterName?: string;
  children: ReactNode;
  /** The accessible name when the visible text alone is ambiguous ("Restart" once per NameServer). */
  label?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="secondary" aria-label={label} data-testid={testId} onClick={() => setOpen(true)}>
        {children}
      </Button>
      {open && <OperationDialog access={access} request={request} clusterName={clusterName} onClose={() => setOpen(false)} />}
    </>
  );
}
