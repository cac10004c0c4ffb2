import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { SsoSignIn } from "@/components/sso/sso-sign-in";
import { currentUser, needsSetup } from "@/lib/auth";
import { ssoProviderName } from "@/lib/auth/oidc-config";
import { SSO_REFUSALS } from "@/lib/auth/oidc-errors";
import { signInSettings } from "@/lib/auth/sso-settings";

export const dynamic = "force-dynamic";

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ sso_error?: string }> }) {
  if (await needsSetup()) redirect("/setup");
  if (await currentUser()) redirect("/");
  const { sso_error } = await searchParams;
  const refused = SSO_REFUSALS.find((kind) => kind === sso_error) ?? null;
  const settings = await signInSettings();
  return (
    <SsoSignIn provider={ssoProviderName()} refused={refused} localSignInOff={settings.localSignInOff}>
      <SignInForm mode="login" />
    </SsoSignIn>
  );
}
