import { useCall } from '@sipkit/react';
import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
} from 'react';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';
import { DIALPAD_KEYS, isDialpadKey, type DialpadKey } from './dialpad-keys.js';

/** Props of `<Dialpad>`. */
export interface DialpadProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** Every key pressed (clicked, typed or long-pressed), after any DTMF went out. */
  readonly onKey?: (key: DialpadKey) => void;
  /** The call that gets the DTMF tones; default the current one. */
  readonly callId?: string;
  /** Send keys as DTMF; default: while the call is confirmed. */
  readonly dtmf?: boolean;
  /** How long 0 is held to give +; default 600 ms. */
  readonly longPressMs?: number;
}

/**
 * The twelve-key pad. In a confirmed call each key goes out as DTMF (RFC 4733); otherwise keys
 * are for dialling and holding 0 gives +. Typing digits, `*`, `#` or `+` while focus is in the
 * pad presses the key. `data-sipkit-state` is `dtmf` or `dial`; the key being pressed has `data-sipkit-active`.
 *
 * @example <Dialpad onKey={(key) => setTarget((t) => t + key)} />
 */
export const Dialpad = forwardRef<HTMLDivElement, DialpadProps>(function Dialpad(
  { onKey, callId, dtmf, longPressMs = 600, className, onKeyDown, onKeyUp, ...rest },
  ref,
) {
  const { state, sendDTMF } = useCall(callId);
  const { dial } = useMessages();
  const sending = dtmf ?? state?.status === 'confirmed';
  const [active, setActive] = useState<DialpadKey | undefined>(undefined);
  const hintId = useId();
  const longPress = useRef<{ timer?: ReturnType<typeof setTimeout>; fired: boolean }>({
    fired: false,
  });
  useEffect(() => () => clearTimeout(longPress.current.timer), []);

  const press = (key: DialpadKey): void => {
    if (sending && key !== '+') {
      try {
        sendDTMF(key);
      } catch {
        // The call moved on (ended, re-INVITE in flight) between render and click: the key is
        // still reported, so nothing typed is lost.
      }
    }
    onKey?.(key);
  };
  const cancelLongPress = (): void => clearTimeout(longPress.current.timer);
  const startLongPress = (): void => {
    cancelLongPress();
    longPress.current.fired = false;
    if (sending) return;
    longPress.current.timer = setTimeout(() => {
      longPress.current.fired = true;
      press('+');
    }, longPressMs);
  };

  const handleKeyDown = (event: KeyboardEvent<HTMLDivElement>): void => {
    onKeyDown?.(event);
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (!isDialpadKey(event.key) || (event.key === '+' && sending)) return;
    event.preventDefault();
    setActive(event.key);
    if (!event.repeat) press(event.key);
  };

  return (
    <div
      ref={ref}
      role="group"
      aria-label={dial.keypad}
      className={classNames('sk-dialpad', className)}
      data-sipkit-state={sending ? 'dtmf' : 'dial'}
      onKeyDown={handleKeyDown}
      onKeyUp={(event) => {
        onKeyUp?.(event);
        setActive(undefined);
      }}
      {...rest}
    >
      {DIALPAD_KEYS.map(({ key, letters }) => (
        <button
          key={key}
          type="button"
          className="sk-key"
          data-sipkit-key={key}
          data-sipkit-active={active === key ? '' : undefined}
          aria-describedby={key === '0' && !sending ? hintId : undefined}
          onClick={() => {
            if (key === '0' && longPress.current.fired) {
              longPress.current.fired = false;
              return;
            }
            press(key);
          }}
          {...(key === '0'
            ? {
                onPointerDown: startLongPress,
                onPointerUp: cancelLongPress,
                onPointerLeave: cancelLongPress,
                onPointerCancel: cancelLongPress,
                // A long touch would otherwise open the context menu instead of giving +.
                onContextMenu: (event: { preventDefault(): void }) => event.preventDefault(),
              }
            : {})}
        >
          <span className="sk-key-digit">{key}</span>
          <span className="sk-key-letters" aria-hidden="true">
            {letters}
          </span>
        </button>
      ))}
      <span id={hintId} className="sk-visually-hidden">
        {dial.holdForPlus}
      </span>
    </div>
  );
});
