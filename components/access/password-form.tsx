"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { passwordChangeSchema } from "@/lib/auth/schema-access";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { accessKeys, changePassword } from "./queries";

export function PasswordForm() {
  const t = useTranslations("access.password");
  const queryClient = useQueryClient();
  const form = useZodForm(passwordChangeSchema, { currentPassword: "", newPassword: "" });
  const [done, setDone] = useState(false);
  const save = useMutation({
    mutationFn: changePassword,
    onMutate: () => setDone(false),
    onSuccess: () => {
      form.reset();
      setDone(true);
      // The other sessions ended with the old password.
      return queryClient.invalidateQueries({ queryKey: accessKeys.sessions });
    },
    onError: form.showServerError,
  });
  return (
    <Card title={t("title")}>
      <form className="space-y-3" aria-label={t("title")} onSubmit={form.onSubmit((input) => save.mutate(input))}>
        {done && <Alert tone="success">{t("changed")}</Alert>}
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={t("current")} type="password" autoComplete="current-password" {...form.field("currentPassword")} />
        <TextField label={t("new")} hint={t("newHint")} type="password" autoComplete="new-password" {...form.field("newPassword")} />
        <Button type="submit" disabled={save.isPending}>
          {t("change")}
        </Button>
      </form>
    </Card>
  );
}
