"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ROLES, type Role } from "@/lib/auth/roles";
import { userCreateSchema } from "@/lib/auth/schema";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { Card } from "../ui/page-header";
import { useZodForm } from "../use-zod-form";
import { authKeys, createUser, fetchUsers, type UserRow, updateUser } from "./queries";

const KEY = authKeys.users;

export function UserManager({ initial, meId }: { initial: UserRow[]; meId: string }) {
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
          label="Users"
          rows={rows}
          rowKey={(u) => u.id}
          columns={[
            { key: "username", header: "User", value: (u) => u.username },
            {
              key: "role",
              header: "Role",
              value: (u) => u.role,
              render: (u) => (
                <select
                  aria-label={`Role of ${u.username}`}
                  value={u.role}
                  disabled={u.id === meId}
                  onChange={(e) => update.mutate({ id: u.id, role: e.target.value as Role })}
                  className="rounded border border-slate-300 px-1 py-0.5 text-sm"
                >
                  {ROLES.map((r) => (
                    <option key={r}>{r}</option>
                  ))}
                </select>
              ),
            },
            {
              key: "status",
              header: "Status",
              value: (u) => (u.disabledAt ? "disabled" : "active"),
              render: (u) => (u.disabledAt ? <Badge tone="bad">disabled</Badge> : <Badge tone="good">active</Badge>),
            },
            {
              key: "actions",
              header: "",
              value: () => "",
              render: (u) =>
                u.id === meId ? null : (
                  <Button variant="secondary" onClick={() => update.mutate({ id: u.id, disabled: !u.disabledAt })}>
                    {u.disabledAt ? "Enable" : "Disable"}
                  </Button>
                ),
            },
          ]}
        />
      </div>
      <Card title="Add user">
        <UserForm />
      </Card>
    </div>
  );
}

function UserForm() {
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
    <form className="space-y-3" aria-label="Add user" autoComplete="off" onSubmit={form.onSubmit((input) => save.mutate(input))}>
      {form.formError && <Alert>{form.formError}</Alert>}
      <TextField label="Username" {...form.field("username")} />
      <TextField label="Password" type="password" autoComplete="new-password" {...form.field("password")} />
      <SelectField label="Role" {...form.field("role")}>
        {ROLES.map((r) => (
          <option key={r}>{r}</option>
        ))}
      </SelectField>
      <Button type="submit" disabled={save.isPending}>
        Add user
      </Button>
    </form>
  );
}
