"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { loginSchema } from "@/lib/auth/schema";
import { api } from "../api";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextInput } from "../ui/field";
import { useZodForm } from "../use-zod-form";

export function LoginForm() {
  const router = useRouter();
  const form = useZodForm(loginSchema, { username: "", password: "" });
  const login = useMutation({
    mutationFn: (input: typeof form.values) => api("/api/auth/login", { method: "POST", body: input }),
    onSuccess: () => {
      router.replace("/");
      router.refresh();
    },
    onError: form.showServerError,
  });
  return (
    <form className="space-y-4" onSubmit={form.onSubmit((input) => login.mutate(input))}>
      <h1 className="text-lg font-semibold">Sign in</h1>
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
      <Field label="Password" name="password" error={form.errorFor("password")}>
        <TextInput
          name="password"
          type="password"
          autoComplete="current-password"
          value={form.values.password}
          onChange={(e) => form.set("password", e.target.value)}
          invalid={!!form.errorFor("password")}
        />
      </Field>
      <Button type="submit" className="w-full" disabled={login.isPending}>
        {login.isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
