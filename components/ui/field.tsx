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
function Field({ label, name, error, hint, children }: FieldProps) {
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

function TextInput({ invalid = false, ...props }: InputHTMLAttributes<HTMLInputElement> & { invalid?: boolean; name: string }) {
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

function TextArea({ invalid = false, ...props }: TextareaHTMLAttributes<HTMLTextAreaElement> & { invalid?: boolean; name: string }) {
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

function Select({ invalid = false, ...props }: SelectHTMLAttributes<HTMLSelectElement> & { invalid?: boolean; name: string }) {
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

type FieldOf<P> = Omit<P, "onChange" | "children"> & { label: string; name: string; error?: string; hint?: ReactNode };

/** The common case of a Field: one text input, marked invalid while it has a message. */
export function TextField({
  label,
  hint,
  error,
  onValue,
  ...props
}: FieldOf<InputHTMLAttributes<HTMLInputElement>> & { onValue: (value: string) => void }) {
  return (
    <Field label={label} name={props.name} error={error} hint={hint}>
      <TextInput {...props} invalid={!!error} onChange={(e) => onValue(e.target.value)} />
    </Field>
  );
}

/** A Field around one select; the options are its children. */
export function SelectField({
  label,
  hint,
  error,
  onValue,
  children,
  ...props
}: FieldOf<SelectHTMLAttributes<HTMLSelectElement>> & { onValue: (value: string) => void; children: ReactNode }) {
  return (
    <Field label={label} name={props.name} error={error} hint={hint}>
      <Select {...props} invalid={!!error} onChange={(e) => onValue(e.target.value)}>
        {children}
      </Select>
    </Field>
  );
}

/** A Field around one text area, in a monospace font: keys, address lists. */
export function TextAreaField({
  label,
  hint,
  error,
  onValue,
  ...props
}: FieldOf<TextareaHTMLAttributes<HTMLTextAreaElement>> & { onValue: (value: string) => void }) {
  return (
    <Field label={label} name={props.name} error={error} hint={hint}>
      <TextArea {...props} invalid={!!error} onChange={(e) => onValue(e.target.value)} />
    </Field>
  );
}
