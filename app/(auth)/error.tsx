"use client";

import { ErrorScreen } from "@/components/ui/error-screen";

export default function PageError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorScreen {...props} />;
}
