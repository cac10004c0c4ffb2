"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
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
  title: string;
  intro: string | null;
  passwordHint?: string;
  passwordAutoComplete: string;
  submit: string;
  pending: string;
}

const MODES: Record<"login" | "setup", Mode> = {
  login: {
    schema: loginSchema,
    send: signIn,
    username: "",
    title: "Sign in",
    intro: null,
    passwordAutoComplete: "current-password",
    submit: "Sign in",
    pending: "Signing in…",
  },
  setup: {
    schema: setupSchema,
    send: setUp,
    username: "admin",
    title: "Create the first admin",
    intro: "This page works once: after the first admin exists, new users are added by an admin.",
    passwordHint: "At least 10 characters.",
    passwordAutoComplete: "new-password",
    submit: "Create admin",
    pending: "Create admin",
  },
};

/** The sign-in page's form, and the first-run page's form that creates the first admin. */
export function SignInForm({ mode }: { mode: keyof typeof MODES }) {
  const words = MODES[mode];
  const router = useRouter();
  const form = useZodForm(words.schema, { username: words.username, password: "" });
  const send = useMutation({
    mutationFn: words.send,
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onError: form.showServerError,
  });
  return (
    <form className="space-y-4" onSubmit={form.onSubmit((input) => send.mutate(input))}>
      <h1 className="text-lg font-semibold">{words.title}</h1>
      {words.intro && <p className="text-sm text-slate-600">{words.intro}</p>}
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label="Username" autoComplete="username" {...form.field("username")} />
      <TextField
        label="Password"
        type="password"
        autoComplete={words.passwordAutoComplete}
        hint={words.passwordHint}
        {...form.field("password")}
      />
      <Button type="submit" className="w-full" disabled={send.isPending}>
        {send.isPending ? words.pending : words.submit}
      </Button>
    </form>
  );
}
