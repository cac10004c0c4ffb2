import type { Metadata } from "next";
import type { ReactNode } from "react";
import { Providers } from "@/components/providers";
import "./globals.css";

// Every page carries a per-request CSP nonce (proxy.ts) on Next's scripts, which a page prerendered at build time
// (such as the 404 page) would lack: render them all per request.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "RMQ Panel", description: "Control panel for RocketMQ-on-DLedger clusters" };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
