import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { requireUser } from "@/lib/auth";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ needs?: string }> }) {
  await requireUser();
  const { needs } = await searchParams;
  const t = await getTranslations("pages.forbidden");
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-xl font-semibold">{t("title")}</h1>
      <p className="mt-2 text-sm text-slate-600">{needs ? t("needs", { role: needs }) : t("needsHigher")}</p>
      <Link href="/" className="mt-4 inline-block text-sm text-indigo-700 underline">
        {t("back")}
      </Link>
    </main>
  );
}
