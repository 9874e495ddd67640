import { useCall } from '@sipkit/react';
import {
  forwardRef,
  useId,
  useState,
  type ClipboardEvent,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
} from 'react';
import { dialKind, normalizeDialString } from '../dial/normalize-dial-string.js';
import { classNames } from '../internal/class-names.js';

/** Props of `<DialInput>`. */
export interface DialInputProps extends Omit<
  ComponentPropsWithoutRef<'input'>,
  'value' | 'defaultValue' | 'onSubmit'
> {
  /** The text, when the parent owns it (e.g. shared with a `<Dialpad>`). */
  readonly value?: string;
  readonly defaultValue?: string;
  readonly onValueChange?: (value: string) => void;
  /**
   * Enter with something typed: default places a call to the cleaned-up target. Give this to do
   * something else (e.g. start a transfer).
   */
  readonly onSubmit?: (target: string) => void;
  /** Called with the new call's id after Enter placed it. */
  readonly onCall?: (id: string) => void;
  /** The field's label (visually hidden); default "Number or SIP address". */
  readonly label?: string;
  /** Class of the wrapper; the input itself has `sk-dial-input-field`. */
  readonly className?: string;
}

/**
 * A field for a phone number or SIP address. Pasting cleans the text up (trims, drops invisible
 * characters and the spaces, dashes and brackets of phone numbers); Enter calls. The wrapper has
 * `data-state` (`empty`, `filled`, `invalid`) and `data-kind` (`phone`, `uri`, `user`, `empty`).
 * The ref is the `<input>`.
 *
 * @example <DialInput value={target} onValueChange={setTarget} />
 */
export const DialInput = forwardRef<HTMLInputElement, DialInputProps>(function DialInput(
  {
    value,
    defaultValue = '',
    onValueChange,
    onSubmit,
    onCall,
    label = 'Number or SIP address',
    className,
    onPaste,
    onKeyDown,
    id,
    ...rest
  },
  ref,
) {
  const [own, setOwn] = useState(defaultValue);
  const [error, setError] = useState<string | undefined>(undefined);
  const { call } = useCall();
  const fieldId = useId();
  const errorId = `${fieldId}-error`;
  const text = value ?? own;
  const change = (next: string): void => {
    setError(undefined);
    if (value === undefined) setOwn(next);
    onValueChange?.(next);
  };

  const handlePaste = (event: ClipboardEvent<HTMLInputElement>): void => {
    onPaste?.(event);
    if (event.defaultPrevented) return;
    const pasted = event.clipboardData.getData('text');
    if (pasted === '') return;
    event.preventDefault();
    const input = event.currentTarget;
    const start = input.selectionStart ?? text.length;
    const end = input.selectionEnd ?? text.length;
    change(normalizeDialString(text.slice(0, start) + pasted + text.slice(end)));
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.key !== 'Enter') return;
    const target = normalizeDialString(text);
    if (target === '') return;
    event.preventDefault();
    if (onSubmit !== undefined) return onSubmit(target);
    try {
      const placed = call(target);
      onCall?.(placed);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const kind = dialKind(text);
  return (
    <div
      className={classNames('sk-dial-input', className)}
      data-state={error !== undefined ? 'invalid' : kind === 'empty' ? 'empty' : 'filled'}
      data-kind={kind}
    >
      <label className="sk-visually-hidden" htmlFor={id ?? fieldId}>
        {label}
      </label>
      <input
        ref={ref}
        id={id ?? fieldId}
        className="sk-dial-input-field"
        type="text"
        dir="auto"
        autoComplete="off"
        autoCorrect="off"
        autoCapitalize="off"
        spellCheck={false}
        enterKeyHint="go"
        placeholder="Number or sip:address"
        value={text}
        aria-invalid={error !== undefined ? true : undefined}
        aria-describedby={error !== undefined ? errorId : undefined}
        onChange={(event) => change(event.target.value)}
        onPaste={handlePaste}
        onKeyDown={handleKeyDown}
        {...rest}
      />
      {error === undefined ? null : (
        <p id={errorId} className="sk-dial-input-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
});
