"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RenderedFile } from "@/lib/design";

/** Every generated file exactly as it will be written, one at a time. */
export function FilePreview({ files }: { files: RenderedFile[] }) {
  const t = useTranslations("wizard.files");
  const [selected, setSelected] = useState(files[0]?.path);
  const file = files.find((f) => f.path === selected) ?? files[0];
  if (!file) return <p className="text-sm text-slate-600">{t("none")}</p>;
  return (
    <div className="grid gap-3 md:grid-cols-[16rem_1fr]">
      <ul className="space-y-0.5 text-xs" aria-label={t("list")}>
        {files.map((f) => (
          <li key={f.path}>
            <button
              type="button"
              onClick={() => setSelected(f.path)}
              aria-current={f.path === file.path ? "true" : undefined}
              className={`w-full truncate rounded px-2 py-1 text-left font-mono ${f.path === file.path ? "bg-indigo-50 text-indigo-800" : "hover:bg-slate-100"}`}
            >
              {f.path}
            </button>
          </li>
        ))}
      </ul>
      <pre
        data-testid="file-content"
        className="max-h-[32rem] overflow-auto rounded border border-slate-200 bg-slate-900 p-3 text-xs leading-5 text-slate-100"
      >
        {file.content}
      </pre>
    </div>
  );
}
