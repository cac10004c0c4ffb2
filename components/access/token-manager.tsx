"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { apiTokenCreateSchema, TOKEN_DEFAULT_DAYS, TOKEN_MAX_DAYS } from "@/lib/auth/schema-access";
import { hasRole, ROLES, type Role } from "@/lib/auth/roles";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { DataTable } from "../ui/data-table";
import { SelectField, TextField } from "../ui/field";
import { LocalTime } from "../ui/local-time";
import { Card } from "../ui/page-header";
import { useNow } from "../use-now";
import { useZodForm } from "../use-zod-form";
import { accessKeys, createToken, fetchTokens, revokeToken, type TokenRow } from "./queries";

const EXPIRY_CHOICES = [7, 30, TOKEN_DEFAULT_DAYS, 180, TOKEN_MAX_DAYS];

export function TokenManager({ initial, role }: { initial: TokenRow[]; role: Role }) {
  const t = useTranslations("access.tokens");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const now = useNow(60_000);
  const { data: rows = initial } = useQuery({ queryKey: accessKeys.tokens, queryFn: fetchTokens, initialData: initial });
  const [error, setError] = useState<string | null>(null);
  const revoke = useMutation({
    mutationFn: revokeToken,
    onMutate: () => setError(null),
    onError: (e) => setError(e.message),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accessKeys.tokens }),
  });
  const status = (token: TokenRow) => {
    if (token.revokedAt) return "revoked";
    if (now !== null && new Date(token.expiresAt).getTime() <= now) return "expired";
    return "active";
  };
  return (
    <Card title={t("title")}>
      <p className="mb-3 text-sm text-slate-600">{t("description")}</p>
      <div className="grid gap-6 lg:grid-cols-[1fr_20rem]">
        <div className="space-y-3">
          {error && <Alert>{error}</Alert>}
          <DataTable
            label={t("table")}
            rows={rows}
            rowKey={(token) => token.id}
            emptyText={t("empty")}
            columns={[
              { key: "name", header: t("columns.name"), value: (token) => token.name },
              {
                key: "prefix",
                header: t("columns.prefix"),
                value: (token) => token.prefix,
                render: (token) => <code className="text-xs">{token.prefix}…</code>,
              },
              { key: "role", header: t("columns.role"), value: (token) => tRoles(token.role) },
              {
                key: "created",
                header: t("columns.created"),
                value: (token) => token.createdAt,
                render: (token) => <LocalTime at={token.createdAt} />,
              },
              {
                key: "expires",
                header: t("columns.expires"),
                value: (token) => token.expiresAt,
                render: (token) => <LocalTime at={token.expiresAt} />,
              },
              {
                key: "used",
                header: t("columns.lastUsed"),
                value: (token) => token.lastUsedAt ?? "",
                render: (token) => (token.lastUsedAt ? <LocalTime at={token.lastUsedAt} /> : t("neverUsed")),
              },
              {
                key: "status",
                header: t("columns.status"),
                value: (token) => t(`status.${status(token)}`),
                render: (token) => {
                  const s = status(token);
                  return <Badge tone={s === "active" ? "good" : "neutral"}>{t(`status.${s}`)}</Badge>;
                },
              },
              {
                key: "actions",
                header: "",
                value: () => "",
                render: (token) =>
                  token.revokedAt ? null : (
                    <Button
                      variant="secondary"
                      aria-label={t("revokeNamed", { name: token.name })}
                      disabled={revoke.isPending}
                      onClick={() => revoke.mutate(token.id)}
                    >
                      {t("revoke")}
                    </Button>
                  ),
              },
            ]}
          />
        </div>
        <TokenForm role={role} />
      </div>
    </Card>
  );
}

function TokenForm({ role }: { role: Role }) {
  const t = useTranslations("access.tokens.form");
  const tRoles = useTranslations("roles");
  const queryClient = useQueryClient();
  const form = useZodForm(apiTokenCreateSchema, { name: "", role, expiresInDays: TOKEN_DEFAULT_DAYS });
  const [created, setCreated] = useState<{ name: string; secret: string } | null>(null);
  const save = useMutation({
    mutationFn: createToken,
    onMutate: () => setCreated(null),
    onSuccess: ({ token, secret }) => {
      setCreated({ name: token.name, secret });
      form.reset();
      return queryClient.invalidateQueries({ queryKey: accessKeys.tokens });
    },
    onError: form.showServerError,
  });
  const expiry = form.field("expiresInDays");
  return (
    <div className="space-y-3">
      {created && <NewSecret {...created} onDone={() => setCreated(null)} />}
      <form className="space-y-3" aria-label={t("create")} autoComplete="off" onSubmit={form.onSubmit((input) => save.mutate(input))}>
        {form.formError && <Alert>{form.formError}</Alert>}
        <TextField label={t("name")} hint={t("nameHint")} {...form.field("name")} />
        <SelectField label={t("role")} hint={t("roleHint")} {...form.field("role")}>
          {ROLES.filter((r) => hasRole(role, r)).map((r) => (
            <option key={r} value={r}>
              {tRoles(r)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t("expiry")} {...expiry} onValue={(value) => form.set("expiresInDays", Number(value))}>
          {EXPIRY_CHOICES.map((days) => (
            <option key={days} value={days}>
              {t("days", { days })}
            </option>
          ))}
        </SelectField>
        <Button type="submit" disabled={save.isPending}>
          {t("create")}
        </Button>
      </form>
    </div>
  );
}

/** The secret, once: the server keeps only its hash, so this is the only time anyone sees it. */
function NewSecret({ name, secret, onDone }: { name: string; secret: string; onDone: () => void }) {
  const t = useTranslations("access.tokens.secret");
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    await navigator.clipboard.writeText(secret);
    setCopied(true);
  };
  return (
    <div role="status" className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm">
      <p className="font-medium">{t("title", { name })}</p>
      <p className="text-slate-700">{t("once")}</p>
      <code data-testid="token-secret" className="block break-all rounded bg-white p-2 text-xs">
        {secret}
      </code>
      <div className="flex gap-2">
        <Button variant="secondary" onClick={copy}>
          {copied ? t("copied") : t("copy")}
        </Button>
        <Button variant="ghost" onClick={onDone}>
          {t("done")}
        </Button>
      </div>
    </div>
  );
}
