import { useIncomingCall, type AnswerCallOptions } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { partyAddress, partyName, partyTitle } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<IncomingCallBanner>`. */
export interface IncomingCallBannerProps extends Omit<
  ComponentPropsWithoutRef<'section'>,
  'children'
> {
  /** A sound to loop while it rings (an `<audio loop>`; browsers may refuse before a click). */
  readonly ringtone?: string;
  readonly answerOptions?: AnswerCallOptions;
  /** Status for Decline; default 603 Decline (486 Busy Here is the other common one). */
  readonly declineStatus?: number;
}

/**
 * Shows the call that rings (the longest-ringing one) with Answer and Decline, announces it to
 * screen readers (`role="alert"`), and rings `ringtone` until answered. Renders nothing when no
 * call rings. `data-sipkit-state` is `ringing` or `answering`; `data-sipkit-waiting` is set when answering
 * would put a call in progress on hold.
 *
 * @example <IncomingCallBanner ringtone="/sounds/ring.mp3" />
 */
export const IncomingCallBanner = forwardRef<HTMLElement, IncomingCallBannerProps>(
  function IncomingCallBanner({ ringtone, answerOptions, declineStatus, className, ...rest }, ref) {
    const { call, waiting, answer, decline, calls } = useIncomingCall();
    const { banner } = useMessages();
    if (call === undefined) return null;
    const name = partyName(call.remoteIdentity);
    const address = partyAddress(call.remoteIdentity);
    const title = partyTitle(call.remoteIdentity);
    return (
      <section
        ref={ref}
        aria-label={banner.region}
        className={classNames('sk-banner', className)}
        data-sipkit-state={call.answering ? 'answering' : 'ringing'}
        data-sipkit-waiting={waiting ? '' : undefined}
        data-sipkit-call-id={call.id}
        {...rest}
      >
        <p className="sk-banner-title" role="alert">
          {banner.isCalling(
            <bdi className="sk-banner-name" title={title}>
              {name}
            </bdi>,
            calls.length - 1,
          )}
        </p>
        {address !== name ? (
          <p className="sk-banner-address">
            <bdi title={title}>{address}</bdi>
          </p>
        ) : null}
        {waiting ? <p className="sk-banner-note">{banner.waitingNote}</p> : null}
        <div className="sk-banner-actions">
          <button
            type="button"
            className="sk-button"
            data-sipkit-variant="call"
            disabled={call.answering}
            onClick={() => answer(answerOptions)}
          >
            {banner.answer}
          </button>
          <button
            type="button"
            className="sk-button"
            data-sipkit-variant="hangup"
            onClick={() =>
              decline(declineStatus === undefined ? {} : { status_code: declineStatus })
            }
          >
            {banner.decline}
          </button>
        </div>
        {ringtone !== undefined && !call.answering ? (
          <audio className="sk-ringtone" src={ringtone} autoPlay loop hidden />
        ) : null}
      </section>
    );
  },
);
