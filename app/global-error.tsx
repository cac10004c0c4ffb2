"use client";

import { ErrorScreen } from "@/components/ui/error-screen";
import "./globals.css";

// Replaces the root layout when it fails itself, so it brings its own <html> and <body>.
export default function GlobalError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body>
        <ErrorScreen {...props} />
      </body>
    </html>
  );
}
