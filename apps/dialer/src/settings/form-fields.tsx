import type { ReactNode } from 'react';
import type { DialerSettings } from './settings.js';

type Key<T> = {
  [K in keyof DialerSettings]: DialerSettings[K] extends T ? K : never;
}[keyof DialerSettings];

/** What every field of the settings form gets from the form. */
export interface FieldContext {
  readonly settings: DialerSettings;
  readonly change: <K extends keyof DialerSettings>(key: K, value: DialerSettings[K]) => void;
  /** The field a `ConfigurationError` named, and its message. */
  readonly error:
    { readonly field: keyof DialerSettings | undefined; readonly message: string } | undefined;
}

interface FieldProps<K> {
  readonly form: FieldContext;
  readonly name: K;
  readonly label: string;
  readonly hint?: ReactNode;
}

/**
 * A labelled text input (or textarea, or number field) for one setting, with the configuration
 * error that names it shown beneath and tied to it (`aria-invalid`, `aria-describedby`).
 *
 * @example <TextField form={form} name="uri" label="SIP URI" />
 */
export function TextField({
  form,
  name,
  label,
  hint,
  type = 'text',
  multiline = false,
  placeholder,
}: FieldProps<Key<string>> & {
  readonly type?: 'text' | 'password' | 'number' | 'url';
  readonly multiline?: boolean;
  readonly placeholder?: string;
}) {
  const id = `setting-${name}`;
  const message = form.error?.field === name ? form.error.message : undefined;
  const described = [
    hint === undefined ? '' : `${id}-hint`,
    message === undefined ? '' : `${id}-error`,
  ]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name,
    value: form.settings[name],
    placeholder,
    'aria-invalid': message === undefined ? undefined : true,
    'aria-describedby': described === '' ? undefined : described,
    spellCheck: false,
    autoComplete: type === 'password' ? 'current-password' : 'off',
  };
  return (
    <div className="field" data-invalid={message === undefined ? undefined : ''}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(e) => form.change(name, e.target.value)} />
      ) : (
        <input {...common} type={type} onChange={(e) => form.change(name, e.target.value)} />
      )}
      {hint === undefined ? null : <small id={`${id}-hint`}>{hint}</small>}
      {message === undefined ? null : (
        <p id={`${id}-error`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}

/**
 * A labelled checkbox for one boolean setting.
 *
 * @example <CheckboxField form={form} name="register" label="Register" />
 */
export function CheckboxField({ form, name, label, hint }: FieldProps<Key<boolean>>) {
  const id = `setting-${name}`;
  const message = form.error?.field === name ? form.error.message : undefined;
  return (
    <div className="field field-checkbox">
      <input
        id={id}
        type="checkbox"
        checked={form.settings[name]}
        aria-invalid={message === undefined ? undefined : true}
        aria-describedby={message === undefined ? undefined : `${id}-error`}
        onChange={(e) => form.change(name, e.target.checked)}
      />
      <label htmlFor={id}>{label}</label>
      {hint === undefined ? null : <small>{hint}</small>}
      {message === undefined ? null : (
        <p id={`${id}-error`} className="field-error" role="alert">
          {message}
        </p>
      )}
    </div>
  );
}
