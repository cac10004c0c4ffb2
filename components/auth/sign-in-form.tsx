"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import type { z } from "zod";
import { type LoginInput, loginSchema, setupSchema } from "@/lib/auth/schema";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { TextField } from "../ui/field";
import { useZodForm } from "../use-zod-form";
import { setUp, signIn } from "./queries";

// Both forms take a username and a password (the same shape, different rules) and end signed in on the overview.
interface Mode {
  schema: z.ZodType<LoginInput, LoginInput>;
  send: (input: LoginInput) => Promise<unknown>;
  username: string;
  passwordAutoComplete: string;
}

const MODES: Record<"login" | "setup", Mode> = {
  login: { schema: loginSchema, send: signIn, username: "", passwordAutoComplete: "current-password" },
  setup: { schema: setupSchema, send: setUp, username: "admin", passwordAutoComplete: "new-password" },
};

/** The sign-in page's form, and the first-run page's form that creates the first admin. */
export function SignInForm({ mode }: { mode: keyof typeof MODES }) {
  const config = MODES[mode];
  const t = useTranslations("auth");
  const router = useRouter();
  const form = useZodForm(config.schema, { username: config.username, password: "" });
  const send = useMutation({
    mutationFn: config.send,
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onError: form.showServerError,
  });
  return (
    <form className="space-y-4" onSubmit={form.onSubmit((input) => send.mutate(input))}>
      <h1 className="text-lg font-semibold">{t(`${mode}.title`)}</h1>
      {mode === "setup" && <p className="text-sm text-slate-600">{t("setup.intro")}</p>}
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("username")} autoComplete="username" {...form.field("username")} />
      <TextField
        label={t("password")}
        type="password"
        autoComplete={config.passwordAutoComplete}
        hint={mode === "setup" ? t("setup.passwordHint") : undefined}
        {...form.field("password")}
      />
      <Button type="submit" className="w-full" disabled={send.isPending}>
        {send.isPending && mode === "login" ? t("login.pending") : t(`${mode}.submit`)}
      </Button>
    </form>
  );
}
