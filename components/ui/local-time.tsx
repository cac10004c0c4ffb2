"use client";

import { useLocale } from "next-intl";
import { useSyncExternalStore } from "react";

const subscribeToNothing = () => () => {};

/**
 * A point in time in the browser's own zone. The server does not know the browser's zone, so it renders
 * UTC, and so does the browser while it hydrates; it switches to local time right after, so the two renders never
 * disagree (React error #418). The format is the panel's language, not the browser's.
 */
export function LocalTime({ at, timeOnly = false }: { at: string | number | Date; timeOnly?: boolean }) {
  const hydrated = useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
  const locale = useLocale();
  const date = new Date(at);
  const utc = date
    .toISOString()
    .slice(timeOnly ? 11 : 0, 19)
    .replace("T", " ");
  const text = hydrated ? (timeOnly ? date.toLocaleTimeString(locale) : date.toLocaleString(locale)) : `${utc} UTC`;
  return <time dateTime={date.toISOString()}>{text}</time>;
}
