import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from "react";

const CONTROL = "w-full rounded-md border px-2.5 py-1.5 text-sm shadow-sm focus:outline-none focus:ring-2 focus:ring-indigo-500";

interface FieldProps {
  label: string;
  name: string;
  error?: string;
  hint?: ReactNode;
  children: ReactNode;
}

/** A labelled control with its inline validation message, tied together for screen readers. */
export function Field({ label, name, error, hint, children }: FieldProps) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children}
      {hint && !error && <p className="text-xs text-slate-500">{hint}</p>}
      {error && (
        <p id={`${name}-error`} role="alert" className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}

const border = (invalid: boolean) => (invalid ? "border-red-500" : "border-slate-300");

export function TextInput({ invalid = false, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean; name: string }) {
  return (
    <input
      id={props.name}
      aria-invalid={invalid}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      {...props}
      className={`${CONTROL} ${border(invalid)}`}
    />
  );
}

export function TextArea({ invalid = false, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean; name: string }) {
  return (
    <textarea
      id={props.name}
      aria-invalid={invalid}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      {...props}
      className={`${CONTROL} font-mono ${border(invalid)}`}
    />
  );
}

export function Select({ invalid = false, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean; name: string }) {
  return (
    <select
      id={props.name}
      aria-invalid={invalid}
      aria-describedby={invalid ? `${props.name}-error` : undefined}
      {...props}
      className={`${CONTROL} bg-white ${border(invalid)}`}
    />
  );
}
