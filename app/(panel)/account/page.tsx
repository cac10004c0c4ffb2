import { getTranslations } from "next-intl/server";
import { PasswordForm } from "@/components/access/password-form";
import { SessionList } from "@/components/access/session-list";
import { TokenManager } from "@/components/access/token-manager";
import { serialize } from "@/components/api";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listApiTokens } from "@/lib/auth/api-tokens";
import { currentSessionId } from "@/lib/auth/session";
import { listSessions } from "@/lib/auth/user-sessions";

export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations("access.account");
  const [tokens, sessions] = await Promise.all([listApiTokens(user.id), listSessions(user.id, await currentSessionId())]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { username: user.username })} />
      <div className="space-y-6">
        <TokenManager initial={serialize(tokens)} role={user.role} />
        <div className="grid gap-6 lg:grid-cols-[1fr_22rem]">
          <SessionList initial={serialize(sessions)} />
          <PasswordForm />
        </div>
      </div>
    </>
  );
}
