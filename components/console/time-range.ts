/** A `datetime-local` field's text (the browser's zone) as ISO 8601 with its offset, as the API reads times; "" stays unset. */
export function localToIso(text: string): string | undefined {
  if (!text) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
