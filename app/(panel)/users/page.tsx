import { serialize } from "@/components/api";
import { UserManager } from "@/components/auth/user-manager";
import { PageHeader } from "@/components/ui/page-header";
import { listUsers, requireUser } from "@/lib/auth";

export default async function UsersPage() {
  const me = await requireUser("admin");
  return (
    <>
      <PageHeader title="Users" description="admin: everything · operator: jobs, restarts, connection tests · viewer: read-only." />
      <UserManager initial={serialize(await listUsers())} meId={me.id} />
    </>
  );
}
