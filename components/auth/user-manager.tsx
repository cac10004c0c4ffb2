"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { userCreateSchema } from "@/lib/auth/schema";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { ResetPassword } from "../access/reset-password";
import { useZodForm } from "../use-zod-form";
import { authKeys, createUser, fetchUsers, type UserRow, updateUser } from "./queries";

const KEY = authKeys.users;

export function UserManager({ initial, meId }: { initial: UserRow[]; meId: string }) {
  const t = useTranslations("users");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const { data: rows = initial } = useQuery({ queryKey: KEY, queryFn: fetchUsers, initialData: initial });
  const [error, setError] = useState<string | null>(null);
  const update = useMutation({
    mutationFn: updateUser,
    // Optimistic: the new role shows at once and reverts if the server refuses.
    onMutate: async ({ id, role, disabled }) => {
      setError(null);
      await queryClient.cancelQueries({ queryKey: KEY });
      const previous = queryClient.getQueryData<UserRow[]>(KEY);
      queryClient.setQueryData<UserRow[]>(KEY, (old = []) =>
        old.map((u) =>
          u.id === id
            ? { ...u, role: role ?? u.role, disabledAt: disabled === undefined ? u.disabledAt : disabled ? new Date().toISOString() : null }
            : u,
        ),
      );
      return { previous };
    },
    onError: (e, _v, context) => {
      queryClient.setQueryData(KEY, context?.previous);
      setError(e.message);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: KEY }),
  });
  return (
    <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
      <div className="space-y-3">
        {error && <Alert>{error}</Alert>}
        <DataTable
          label={t("table")}
          rows={rows}
          rowKey={(u) => u.id}
          columns={[
            { key: "username", header: t("columns.user"), value: (u) => u.username },
            {
              key: "role",
              header: t("columns.role"),
              value: (u) => tRoles(u.role),
              render: (u) => (
                <select
                  aria-label={t("roleOf", { username: u.username })}
                  value={u.role}
                  disabled={u.id === meId}
                  onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                  className="rounded border border-slate-300 px-1 py-0.5 text-sm"
                >
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {tRoles(r)}
                    </option>
                  ))}
                </select>
              ),
            },
            {
              key: "status",
              header: t("columns.status"),
              value: (u) => (u.disabledAt ? t("disabled") : t("active")),
              render: (u) => (u.disabledAt ? <Badge tone="bad">{t("disabled")}</Badge> : <Badge tone="good">{t("active")}</Badge>),
            },
            {
              key: "actions",
              header: "",
              value: () => "",
              render: (u) =>
                u.id === meId ? null : (
                  <div className="flex flex-wrap items-start gap-2">
                    <Button variant="secondary" onClick={() => update.mutate({ id: u.id, disabled: !u.disabledAt })}>
                      {u.disabledAt ? t("enable") : t("disable")}
                    </Button>
                    <ResetPassword userId={u.id} username={u.username} />
                  </div>
                ),
            },
          ]}
        />
      </div>
      <Card title={t("form.add")}>
        <UserForm />
      </Card>
    </div>
  );
}

function UserForm() {
  const t = useTranslations("users.form");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const form = useZodForm(userCreateSchema, { username: "", password: "", role: "viewer" });
  const save = useMutation({
    mutationFn: createUser,
    onSuccess: () => {
      form.reset();
      return queryClient.invalidateQueries({ queryKey: KEY });
    },
    onError: form.showServerError,
  });
  return (
    <form className="space-y-3" aria-label={t("add")} autoComplete="off" onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label={t("username")} {...form.field("username")} />
      <TextField label={t("password")} type="password" autoComplete="new-password" {...form.field("password")} />
      <SelectField label={t("role")} {...form.field("role")}>
        {ROLES.map((r) => (
          <option key={r} value={r}>
            {tRoles(r)}
          </option>
        ))}
      </SelectField>
      <Button type="submit" disabled={save.isPending}>
        {t("add")}
      </Button>
    </form>
  );
}
