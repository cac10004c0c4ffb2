"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { hasRole, type Role } from "@/lib/auth/roles";
import { signOut } from "../auth/queries";
import { LanguageMenu } from "./language-menu";

const LINKS = [
  { href: "/", label: "overview", role: "viewer" },
  { href: "/datacenters", label: "datacenters", role: "viewer" },
  { href: "/hosts", label: "hosts", role: "viewer" },
  { href: "/clusters", label: "clusters", role: "viewer" },
  { href: "/jobs", label: "jobs", role: "viewer" },
  { href: "/credentials", label: "credentials", role: "admin" },
  { href: "/users", label: "users", role: "admin" },
  { href: "/audit", label: "audit", role: "viewer" },
  { href: "/api-docs", label: "apiDocs", role: "viewer" },
] as const satisfies { href: string; label: string; role: Role }[];

export function Nav({ user }: { user: { username: string; role: Role } }) {
  const t = useTranslations();
  const pathname = usePathname();
  const router = useRouter();
  const logout = useMutation({
    mutationFn: signOut,
    onSuccess: ({ redirectTo }) => {
      if (redirectTo) return window.location.assign(redirectTo);
      router.replace("/login");
      router.refresh();
    },
  });
  return (
    <nav aria-label={t("nav.label")} className="flex w-52 shrink-0 flex-col border-r border-slate-200 bg-white p-4">
      <Link href="/" className="mb-6 text-base font-semibold text-indigo-700">
        {t("app.name")}
      </Link>
      <ul className="space-y-1">
        {LINKS.filter((link) => hasRole(user.role, link.role)).map((link) => {
          const active = link.href === "/" ? pathname === "/" : pathname.startsWith(link.href);
          return (
            <li key={link.href}>
              <Link
                href={link.href}
                aria-current={active ? "page" : undefined}
                className={`block rounded-md px-2 py-1.5 text-sm ${active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
              >
                {t(`nav.${link.label}`)}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-auto border-t border-slate-200 pt-3 text-sm">
        <p className="font-medium" data-testid="current-user">
          {user.username}
        </p>
        <p className="text-xs text-slate-500">{t(`roles.${user.role}`)}</p>
        <Link href="/account" className="mt-2 block text-xs text-indigo-700 underline">
          {t("access.account.nav")}
        </Link>
        <button type="button" onClick={() => logout.mutate()} className="mt-2 text-xs text-indigo-700 underline">
          {t("nav.signOut")}
        </button>
        <LanguageMenu />
      </div>
    </nav>
  );
}
