"use client";

import { NextIntlClientProvider } from "next-intl";
import { ErrorScreen } from "@/components/ui/error-screen";
import common from "@/lib/i18n/messages/en/common.json";
import "./globals.css";

// Replaces the root layout when it fails itself, so it brings its own <html> and <body>, and its own messages: the
// layout that knows the reader's language (from their session, in the database that may be the very thing away) is
// what failed, so this screen speaks English.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <NextIntlClientProvider locale="en" messages={common} timeZone="UTC">
          <ErrorScreen {...props} />
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
