import { getTranslations } from "next-intl/server";
import { SignInSettingsForm } from "@/components/sso/sign-in-settings-form";
import { Card, PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { ssoConfig } from "@/lib/auth/oidc-config";
import { ROLES } from "@/lib/auth/roles";
import { localAdmins, signInSettings } from "@/lib/auth/sso-settings";

export const dynamic = "force-dynamic";

export default async function SettingsPage() {
  await requireUser("admin");
  const t = await getTranslations("sso.settings");
  const tRoles = await getTranslations("roles");
  const sso = ssoConfig();
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title={t("provider")}>
          {sso ? (
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
              <dt className="text-slate-500">{t("issuer")}</dt>
              <dd className="break-all">{sso.issuer}</dd>
              <dt className="text-slate-500">{t("clientId")}</dt>
              <dd className="break-all">{sso.clientId}</dd>
              <dt className="text-slate-500">{t("groupsClaim")}</dt>
              <dd>{sso.groupsClaim}</dd>
              {ROLES.map((role) => (
                <div key={role} className="contents">
                  <dt className="text-slate-500">{t("roleGroups", { role: tRoles(role) })}</dt>
                  <dd>{sso.groups[role].join(", ") || t("noGroups")}</dd>
                </div>
              ))}
            </dl>
          ) : (
            <p className="text-sm text-slate-600">{t("notConfigured")}</p>
          )}
        </Card>
        <Card>
          <SignInSettingsForm initial={await signInSettings()} admins={await localAdmins()} ssoConfigured={!!sso} />
        </Card>
      </div>
    </>
  );
}
