"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { setupSchema } from "@/lib/auth/schema";
import { api } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { useZodForm } from "../use-zod-form";

export function SetupForm() {
  const router = useRouter();
  const form = useZodForm(setupSchema, { username: "admin", password: "" });
  const setup = useMutation({
    mutationFn: (input: typeof form.values) => api("/api/auth/setup", { method: "POST", body: input }),
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onError: form.showServerError,
  });
  return (
    <form className="space-y-4" onSubmit={form.onSubmit((input) => setup.mutate(input))}>
      <h1 className="text-lg font-semibold">Create the first admin</h1>
      <p className="text-sm text-slate-600">This page works once: after the first admin exists, new users are added by an admin.</p>
      {form.formError && <Alert>{form.formError}</Alert>}
      <Field label="Username" name="username" error={form.errorFor("username")}>
        <TextInput
          name="username"
          autoComplete="username"
          value={form.values.username}
          onChange={(e) => form.set("username", e.target.value)}
          invalid={!!form.errorFor("username")}
        />
      </Field>
      <Field label="Password" name="password" error={form.errorFor("password")} hint="At least 10 characters.">
        <TextInput
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.values.password}
          onChange={(e) => form.set("password", e.target.value)}
          invalid={!!form.errorFor("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={setup.isPending}>
        Create admin
      </Button>
    </form>
  );
}
