import { useCalls, type CallState } from '@sipkit/react';
import {
  forwardRef,
  useEffect,
  useId,
  useRef,
  useState,
  type ComponentPropsWithoutRef,
  type KeyboardEvent,
} from 'react';
import { isLive } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { partyName } from '../internal/party.js';
import { useMergedRef } from '../internal/use-merged-ref.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<DisconnectButton>`. */
export interface DisconnectButtonProps extends Omit<ComponentPropsWithoutRef<'button'>, 'onClick'> {
  /**
   * Disconnects (the app stops its UA, e.g. by unmounting the `<SipProvider>`): at once when no
   * call is in progress, after the person confirms when one is, since it ends the call.
   */
  readonly onDisconnect: () => void;
}

/**
 * "Disconnect", which asks first when it would end a call in progress: "Disconnecting ends your
 * call with Bob." with "Keep call" (focused, so Enter or Escape is the safe answer) and "End call
 * and disconnect". Focus comes back to the button when the person keeps the call. The wrapper's
 * `data-sipkit-state` is `idle` or `confirming`. The ref is the "Disconnect" button.
 *
 * @example <DisconnectButton onDisconnect={() => setConnected(false)} />
 */
export const DisconnectButton = forwardRef<HTMLButtonElement, DisconnectButtonProps>(
  function DisconnectButton({ onDisconnect, className, children, ...rest }, ref) {
    const inProgress = useCalls().filter(isInProgress);
    const { disconnect: text } = useMessages();
    const [confirming, setConfirming] = useState(false);
    const questionId = useId();
    const keep = useRef<HTMLButtonElement | null>(null);
    const button = useRef<HTMLButtonElement | null>(null);
    const buttonRef = useMergedRef(ref, (element: HTMLButtonElement | null) => {
      button.current = element;
    });
    // Where the person's next action is: the safe answer while asking, the button after.
    const returnFocus = useRef(false);
    useEffect(() => {
      if (confirming) keep.current?.focus();
      else if (returnFocus.current) {
        returnFocus.current = false;
        button.current?.focus();
      }
    }, [confirming]);

    const cancel = (): void => {
      returnFocus.current = true;
      setConfirming(false);
    };
    const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      cancel();
    };

    return (
      <span className="sk-disconnect" data-sipkit-state={confirming ? 'confirming' : 'idle'}>
        {confirming ? (
          <span
            className="sk-disconnect-confirm"
            role="group"
            aria-labelledby={questionId}
            onKeyDown={onKeyDown}
          >
            <span id={questionId} className="sk-disconnect-question">
              {text.question(inProgress.map((call) => partyName(call.remoteIdentity)))}
            </span>
            <button ref={keep} type="button" className="sk-button" onClick={cancel}>
              {text.keepCall}
            </button>
            <button
              type="button"
              className="sk-button"
              data-sipkit-variant="hangup"
              onClick={() => {
                setConfirming(false);
                onDisconnect();
              }}
            >
              {text.confirm(inProgress.length)}
            </button>
          </span>
        ) : (
          <button
            ref={buttonRef}
            type="button"
            className={classNames('sk-button', className)}
            onClick={() => (inProgress.length === 0 ? onDisconnect() : setConfirming(true))}
            {...rest}
          >
            {children ?? text.disconnect}
          </button>
        )}
      </span>
    );
  },
);

// A call someone is on or is placing; a call still ringing in is not "yours" yet.
function isInProgress(call: CallState): boolean {
  return isLive(call) && !(call.direction === 'incoming' && call.status === 'ringing');
}
