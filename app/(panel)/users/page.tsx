import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { UserManager } from "@/components/auth/user-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers, requireUser } from "@/lib/auth";

export default async function UsersPage() {
  const me = await requireUser("admin");
  const t = await getTranslations("pages.users");
  const tSso = await getTranslations("sso.settings");
  return (
    <>
      <PageHeader
        title={t("title")}
        description={t("description")}
        actions={
          <Link href="/settings" className="text-sm text-indigo-700 underline">
            {tSso("title")}
          </Link>
        }
      />
      <UserManager initial={serialize(await listUsers())} meId={me.id} />
    </>
  );
}
