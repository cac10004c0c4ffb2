"use client";

import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import type { SsoRefusal } from "@/lib/auth/oidc-errors";
import { Alert } from "../ui/alert";

interface Props {
  /** The identity provider's name, or null when single sign-on is not configured. */
  provider: string | null;
  /** Why the last single sign-on was refused, from the callback's redirect. */
  refused: SsoRefusal | null;
  localSignInOff: boolean;
  /** The password form. */
  children: ReactNode;
}

/** The sign-in page around the password form: "Sign in with …" first, and the form folded away when it is off. */
export function SsoSignIn({ provider, refused, localSignInOff, children }: Props) {
  const t = useTranslations("sso");
  if (!provider) return children;
  return (
    <div className="space-y-4">
      {refused && <Alert>{t(`errors.${refused}`)}</Alert>}
      {/* A plain link, not fetch: the browser itself must go to the provider and come back. */}
      <a
        href="/api/auth/oidc/login"
        className="flex w-full items-center justify-center rounded-md bg-indigo-600 px-3 py-2 text-sm font-medium text-white hover:bg-indigo-700"
      >
        {t("signInWith", { name: provider })}
      </a>
      {localSignInOff ? (
        <>
          <p className="text-sm text-slate-600">{t("localOff", { name: provider })}</p>
          <details className="text-sm">
            <summary className="cursor-pointer text-slate-600">{t("localSignIn")}</summary>
            <div className="mt-3">{children}</div>
          </details>
        </>
      ) : (
        <>
          <p className="text-center text-xs uppercase text-slate-400">{t("or")}</p>
          {children}
        </>
      )}
    </div>
  );
}
