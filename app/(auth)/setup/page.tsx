import { redirect } from "next/navigation";
import { SignInForm } from "@/components/auth/sign-in-form";
import { needsSetup } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function SetupPage() {
  if (!(await needsSetup())) redirect("/login");
  return <SignInForm mode="setup" />;
}
