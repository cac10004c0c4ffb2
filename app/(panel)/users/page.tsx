import { getTranslations } from "next-intl/server";
import { serialize } from "@/components/api";
import { UserManager } from "@/components/auth/user-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers, requireUser } from "@/lib/auth";

export default async function UsersPage() {
  const me = await requireUser("admin");
  const t = await getTranslations("pages.users");
  return (
    <>
      <PageHeader title={t("title")} description={t("description")} />
      <UserManager initial={serialize(await listUsers())} meId={me.id} />
    </>
  );
}
