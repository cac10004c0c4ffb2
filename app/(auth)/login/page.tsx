import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser, needsSetup } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function LoginPage() {
  if (await needsSetup()) redirect("/setup");
  if (await currentUser()) redirect("/");
  return <SignInForm mode="login" />;
}
