/** --json prints what the API answered, as one JSON document (or one per line while following); else text. */
export interface Output {
  json: boolean;
}

export function show(output: Output, data: unknown, text: () => string): void {
  console.log(output.json ? JSON.stringify(data, null, 2) : text());
}

/** One JSON document per line: what a follower prints with --json, so a script can read it as it comes. */
export const showLine = (data: unknown) => console.log(JSON.stringify(data));

/** Columns padded to their widest cell, two spaces apart. */
export function table(header: string[], rows: string[][]): string {
  if (rows.length === 0) return "(none)";
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i].length)));
  return [header, ...rows]
    .map((row) =>
      row
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** "2026-12-02T01:57:17.000Z" → "2026-12-02 01:57:17" (UTC, as the API answers). */
export const when = (iso: string | null) => (iso ? `${iso.slice(0, 10)} ${iso.slice(11, 19)}` : "-");
