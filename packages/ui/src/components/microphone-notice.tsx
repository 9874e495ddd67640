import type { MicrophoneStatus } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { microphoneAdvice } from '../devices/microphone-advice.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<MicrophoneNotice>`. */
export interface MicrophoneNoticeProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** From `useMicrophoneStatus().status`. */
  readonly status: MicrophoneStatus;
  /** "Check again": e.g. `useMicrophoneStatus().check`. Without it, no button. */
  readonly onCheck?: () => void;
}

/**
 * Tells the person, before they dial or answer, that the microphone is blocked or missing and
 * what to do (`role="alert"`), with "Check again". Renders nothing while calls can use it.
 * `data-sipkit-state` is the status (`denied`, `missing`).
 *
 * @example
 * const { status, check } = useMicrophoneStatus();
 * <MicrophoneNotice status={status} onCheck={() => void check()} />
 */
export const MicrophoneNotice = forwardRef<HTMLDivElement, MicrophoneNoticeProps>(
  function MicrophoneNotice({ status, onCheck, className, ...rest }, ref) {
    const { microphone } = useMessages();
    const advice = microphoneAdvice(status, microphone);
    if (advice === undefined) return null;
    return (
      <div
        ref={ref}
        role="alert"
        className={classNames('sk-problem', className)}
        data-sipkit-state={status}
        data-sipkit-problem="microphone"
        {...rest}
      >
        <p className="sk-problem-title">{advice.title}</p>
        <p className="sk-problem-detail">{advice.detail}</p>
        {onCheck === undefined ? null : (
          <div className="sk-problem-actions">
            <button type="button" className="sk-button" onClick={onCheck}>
              {microphone.checkAgain}
            </button>
          </div>
        )}
      </div>
    );
  },
);
