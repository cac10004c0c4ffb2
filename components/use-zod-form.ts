"use client";

import { useState } from "react";
import type { z } from "zod";
import { safeParseIn } from "@/lib/i18n/schema";
import { ApiError } from "./api";
import { useLanguage } from "./ui/use-language";

type Errors = Record<string, string | undefined>;

/**
 * Form state checked by the same zod schema the server uses: errors appear inline as the user types, in the reader's
 * language, and the server's own field errors land in the same place.
 */
export function useZodForm<S extends z.ZodType<unknown, Record<string, unknown>>>(schema: S, initial: z.input<S>) {
  const [values, setValues] = useState<z.input<S>>(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const language = useLanguage();

  const validate = (next: z.input<S>): Errors => {
    const result = safeParseIn(schema, next, language);
    if (result.success) return {};
    const found: Errors = {};
    for (const issue of result.error.issues) found[String(issue.path[0] ?? "")] ??= issue.message;
    return found;
  };

  // `string`, not keyof: discriminated unions (e.g. key vs password credential) have fields only some variants own.
  const set = (name: string, value: unknown) => {
    const next = { ...values, [name]: value } as z.input<S>;
    setValues(next);
    setTouched((t) => ({ ...t, [name]: true }));
    setErrors(validate(next));
  };

  /** Returns the parsed values, or null after showing every error. */
  const submit = (): z.output<S> | null => {
    setFormError(null);
    const result = safeParseIn(schema, values, language);
    if (result.success) return result.data;
    setErrors(validate(values));
    setTouched(Object.fromEntries(Object.keys(values as object).map((k) => [k, true])));
    return null;
  };

  /** A form's onSubmit: validates everything, then hands the parsed values to `send`. */
  const onSubmit = (send: (input: z.output<S>) => void) => (event: { preventDefault(): void }) => {
    event.preventDefault();
    const input = submit();
    if (input) send(input);
  };

  const showServerError = (error: unknown) => {
    if (error instanceof ApiError && error.fieldErrors && Object.keys(error.fieldErrors).length > 0) {
      setErrors(Object.fromEntries(Object.entries(error.fieldErrors).map(([k, v]) => [k, v[0]])));
      setTouched(Object.fromEntries(Object.keys(error.fieldErrors).map((k) => [k, true])));
    }
    setFormError(error instanceof Error ? error.message : String(error));
  };

  const errorFor = (name: string) => (touched[name] ? errors[name] : undefined);
  /** What a TextField or SelectField needs of one field: its value as text, its message, its setter. */
  const field = (name: string) => ({
    name,
    value: String((values as Record<string, unknown>)[name] ?? ""),
    error: errorFor(name),
    onValue: (value: string) => set(name, value),
  });
  const reset = () => {
    setValues(initial);
    setErrors({});
    setTouched({});
    setFormError(null);
  };

  return { values, set, submit, onSubmit, errorFor, field, formError, showServerError, reset };
}
