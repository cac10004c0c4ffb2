import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { CredentialManager } from "@/components/inventory/credential-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listCredentials } from "@/lib/inventory/credentials";

export default async function CredentialsPage() {
  await requireUser("admin");
  const t = await getTranslations("pages.credentials");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <CredentialManager initial={serialize(await listCredentials())} />
    </>
  );
}
