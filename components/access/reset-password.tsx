"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { passwordResetSchema } from "@/lib/auth/schema-access";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { useZodForm } from "../use-zod-form";
import { resetPassword } from "./queries";

/** An admin's "set a new password" for one user, folded away behind a button in that user's row. */
export function ResetPassword({ userId, username }: { userId: string; username: string }) {
  const t = useTranslations("access.reset");
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(false);
  const form = useZodForm(passwordResetSchema, { password: "" });
  const save = useMutation({
    mutationFn: resetPassword,
    onSuccess: () => {
      form.reset();
      setOpen(false);
      setDone(true);
    },
    onError: form.showServerError,
  });
  if (!open)
    return (
      <span className="inline-flex items-center gap-2">
        <Button
          variant="secondary"
          aria-label={t("openFor", { username })}
          onClick={() => {
            setDone(false);
            setOpen(true);
          }}
        >
          {t("open")}
        </Button>
        {done && <span className="text-xs text-emerald-700">{t("done")}</span>}
      </span>
    );
  return (
    <form
      className="space-y-2"
      aria-label={t("openFor", { username })}
      autoComplete="off"
      onSubmit={form.onSubmit((input) => save.mutate({ id: userId, ...input }))}
    >
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField
        label={t("password", { username })}
        hint={t("hint")}
        type="password"
        autoComplete="new-password"
        {...form.field("password")}
        name={`reset-${userId}`}
        onValue={(value) => form.set("password", value)}
      />
      <div className="flex gap-2">
        <Button type="submit" disabled={save.isPending}>
          {t("save")}
        </Button>
        <Button variant="ghost" onClick={() => setOpen(false)}>
          {t("cancel")}
        </Button>
      </div>
    </form>
  );
}
