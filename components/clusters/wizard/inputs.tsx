"use client";

import type { InputHTMLAttributes } from "react";

const CELL = "w-full rounded border border-slate-300 px-1.5 py-1 text-sm font-mono";

/** A number cell where blank means "let the panel choose". */
export function NumberCell({
  value,
  onValue,
  ...props
}: { value: number | undefined; onValue: (v: number | undefined) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value">) {
  return (
    <input
      inputMode="numeric"
      placeholder="auto"
      value={value ?? ""}
      onChange={(e) => {
        const text = e.target.value.trim();
        onValue(text === "" ? undefined : Number(text));
      }}
      className={CELL}
      {...props}
    />
  );
}

export function TextCell({
  value,
  onValue,
  ...props
}: { value: string | undefined; onValue: (v: string | undefined) => void } & Omit<InputHTMLAttributes<HTMLInputElement>, "value">) {
  return (
    <input
      value={value ?? ""}
      placeholder="auto"
      onChange={(e) => onValue(e.target.value.trim() === "" ? undefined : e.target.value)}
      className={CELL}
      {...props}
    />
  );
}
