import Link from "next/link";
import { requireUser } from "@/lib/auth";

export default async function ForbiddenPage({ searchParams }: { searchParams: Promise<{ needs?: string }> }) {
  await requireUser();
  const { needs } = await searchParams;
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-xl font-semibold">Not allowed</h1>
      <p className="mt-2 text-sm text-slate-600">This page needs the {needs ?? "a higher"} role. Ask an admin if you need access.</p>
      <Link href="/" className="mt-4 inline-block text-sm text-indigo-700 underline">
        Back to the panel
      </Link>
    </main>
  );
}
