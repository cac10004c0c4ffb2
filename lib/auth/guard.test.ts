import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Client-side navigation (an RSC request) renders only the segments that change, so the (panel) layout's session
// check does not run for it: every page must check the session itself, before it reads anything.

const PANEL_DIR = path.join(process.cwd(), "app", "(panel)");

function pageFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return pageFiles(full);
    return entry.name === "page.tsx" || entry.name === "layout.tsx" ? [full] : [];
  });
}

const files = pageFiles(PANEL_DIR);

describe("pages under app/(panel)", () => {
  it("are found (so the check below means something)", () => {
    expect(files.length).toBeGreaterThanOrEqual(10);
  });

  it.each(files.map((file) => [path.relative(process.cwd(), file), file] as const))(
    "%s awaits requireUser before anything else",
    (_, file) => {
      const source = fs.readFileSync(file, "utf8");
      const firstAwait = /\bawait\s+([A-Za-z_$][\w$.]*)\s*\(/.exec(source);
      expect(firstAwait?.[1], "the first await of the page must be requireUser(…)").toBe("requireUser");
    },
  );
});
