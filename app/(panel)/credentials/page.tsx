import { serialize } from "@/components/api";
import { CredentialManager } from "@/components/inventory/credential-manager";
import { PageHeader } from "@/components/ui/page-header";
import { requireUser } from "@/lib/auth";
import { listCredentials } from "@/lib/inventory/credentials";

export default async function CredentialsPage() {
  await requireUser("admin");
  return (
    <>
      <PageHeader
        title="SSH credentials"
        description="Private keys and passwords are encrypted at rest (AES-256-GCM) and can never be read back; only the public key fingerprint is shown."
      />
      <CredentialManager initial={serialize(await listCredentials())} />
    </>
  );
}
