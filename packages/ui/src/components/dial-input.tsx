import type { CallOptions } from '@sipkit/core';
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
import { usePlaceCall } from '../internal/use-place-call.js';
import { useMessages } from '../messages/messages-provider.js';

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
  /**
   * Options of the call Enter places (video, ICE servers in `pcConfig`, extra headers...): give
   * the same as the `<CallButton>` beside it, so both place the same call.
   */
  readonly options?: CallOptions;
  /** Called with the new call's id after Enter placed it. */
  readonly onCall?: (id: string) => void;
  /** The field's label (visually hidden); default `messages.dial.fieldLabel`. */
  readonly label?: string;
  /** Class of the wrapper; the input itself has `sk-dial-input-field`. */
  readonly className?: string;
}

/**
 * A field for a phone number or SIP address. Pasting cleans the text up (trims, drops invisible
 * characters and the spaces, dashes and brackets of phone numbers); Enter calls with `options`,
 * exactly as `<CallButton>` does, and like it does nothing while not connected to the server. The wrapper has
 * `data-sipkit-state` (`empty`, `filled`, `invalid`) and `data-sipkit-kind` (`phone`, `uri`, `user`, `empty`).
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
    options,
    onCall,
    label,
    className,
    onPaste,
    onKeyDown,
    id,
    ...rest
  },
  ref,
) {
  const { dial } = useMessages();
  const [own, setOwn] = useState(defaultValue);
  const [error, setError] = useState<string | undefined>(undefined);
  const fieldId = useId();
  const errorId = `${fieldId}-error`;
  const text = value ?? own;
  const { target, ready, place } = usePlaceCall(text, options);
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
    if (target === '') return;
    event.preventDefault();
    if (onSubmit !== undefined) return onSubmit(target);
    // Disconnected, the Call button is disabled: Enter must not get round it (the call would
    // only fail and be listed as ended).
    if (!ready) return;
    try {
      const placed = place();
      onCall?.(placed);
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
    }
  };

  const kind = dialKind(text);
  return (
    <div
      className={classNames('sk-dial-input', className)}
      data-sipkit-state={error !== undefined ? 'invalid' : kind === 'empty' ? 'empty' : 'filled'}
      data-sipkit-kind={kind}
    >
      <label className="sk-visually-hidden" htmlFor={id ?? fieldId}>
        {label ?? dial.fieldLabel}
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
        placeholder={dial.placeholder}
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
