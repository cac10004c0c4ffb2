"use client";

import { useTranslations } from "next-intl";
import type { InputHTMLAttributes } from "react";

const CELL = "w-full rounded border border-slate-300 px-1.5 py-1 text-sm font-mono";

type CellProps<V> = { value: V | undefined; onValue: (v: V | undefined) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value">;

/** A text cell of the wizard's tables, where blank means "let the panel choose". */
export function TextCell({ value, onValue, ...props }: CellProps<string>) {
  const t = useTranslations("wizard");
  return (
    <input
      value={value ?? ""}
      placeholder={t("auto")}
      onChange={(e) => onValue(e.target.value.trim() === "" ? undefined : e.target.value)}
      className={CELL}
      {...props}
    />
  );
}

/** A number cell where blank means "let the panel choose". */
export function NumberCell({ value, onValue, ...props }: CellProps<number>) {
  return (
    <TextCell
      inputMode="numeric"
      value={value === undefined ? undefined : String(value)}
      onValue={(text) => onValue(text === undefined ? undefined : Number(text))}
      {...props}
    />
  );
}
