import type { ReactNode } from "react";
import { Nav } from "@/components/layout/nav";
import { requireUser } from "@/lib/auth";

export const dynamic = "force-dynamic";

export default async function PanelLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <div className="flex min-h-screen">
      <Nav user={user} />
      <main className="flex-1 overflow-x-auto p-6">{children}</main>
    </div>
  );
}
