import { useIncomingCall, type AnswerCallOptions, type MicrophoneStatus } from '@sipkit/react';
import { forwardRef, useId, type ComponentPropsWithoutRef } from 'react';
import type { AudioContextFactory } from '../attention/audio-context-like.js';
import type { Sound } from '../attention/sound-player.js';
import { CALL_WAITING_BEEP, RINGTONE } from '../attention/tone-pattern.js';
import { useRingtone } from '../attention/use-ringtone.js';
import { useAnswerIncoming } from '../devices/use-answer-incoming.js';
import { classNames } from '../internal/class-names.js';
import { partyAddress, partyName, partyTitle } from '../internal/party.js';
import { useShortcutOf } from '../keyboard/shortcuts-context.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<IncomingCallBanner>`. */
export interface IncomingCallBannerProps extends Omit<
  ComponentPropsWithoutRef<'section'>,
  'children'
> {
  /**
   * What rings: default a generated tone (`RINGTONE`); a URL or an `<audio>` element of your
   * own; `false` for silence. Played on the speaker chosen in the device menu.
   */
  readonly ringtone?: Sound | false;
  /** What sounds once when a call rings during another (call waiting); default a short beep. */
  readonly waitingTone?: Sound | false;
  readonly answerOptions?: AnswerCallOptions;
  /** Status for Decline; default 603 Decline (486 Busy Here is the other common one). */
  readonly declineStatus?: number;
  /**
   * From `useMicrophoneStatus().status`: blocked or missing, Answer answers receive-only (and
   * says so) instead of failing. Default `unknown` (answer normally).
   */
  readonly microphone?: MicrophoneStatus;
  /** Makes the Web Audio context of generated tones (tests, stories); default the browser's. */
  readonly audioContext?: AudioContextFactory;
}

/**
 * Shows the call that rings (the longest-ringing one) with Answer, Decline and Silence,
 * announces it to screen readers (`role="alert"`) and rings until answered, declined or
 * silenced: a generated ringtone by default, one short beep when a call is already in progress
 * (call waiting), on the chosen speaker. Where the browser blocks sound before the first click
 * it offers "Enable sound". Renders nothing when no call rings.
 *
 * `data-sipkit-state` is `ringing` or `answering`; `data-sipkit-waiting` is set when answering
 * would put a call in progress on hold; `data-sipkit-sound` is `playing`, `blocked` or `off`.
 * Answer carries `data-sipkit-focus="answer"` (where `<Softphone>` moves focus when a call rings).
 *
 * @example <IncomingCallBanner ringtone="/sounds/ring.mp3" />
 */
export const IncomingCallBanner = forwardRef<HTMLElement, IncomingCallBannerProps>(
  function IncomingCallBanner(
    {
      ringtone = RINGTONE,
      waitingTone = CALL_WAITING_BEEP,
      answerOptions,
      declineStatus,
      microphone = 'unknown',
      audioContext,
      className,
      ...rest
    },
    ref,
  ) {
    const { call, waiting, decline, calls } = useIncomingCall();
    const { answer, receiveOnly } = useAnswerIncoming({ answerOptions, microphone });
    const ring = useRingtone({
      active: call !== undefined && !call.answering,
      sound: waiting ? waitingTone : ringtone,
      key: call?.id,
      ...(audioContext === undefined ? {} : { audioContext }),
    });
    const answerKeys = useShortcutOf('answer');
    const declineKeys = useShortcutOf('decline');
    const noteId = useId();
    const { banner, attention } = useMessages();
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
        data-sipkit-sound={ring.state}
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
        {receiveOnly ? (
          <p className="sk-banner-note" id={noteId}>
            {attention.receiveOnly}
          </p>
        ) : null}
        {ring.state === 'blocked' ? (
          <p className="sk-banner-note">{attention.ringtoneBlocked}</p>
        ) : null}
        <div className="sk-banner-actions">
          <button
            type="button"
            className="sk-button"
            data-sipkit-variant="call"
            data-sipkit-focus="answer"
            aria-keyshortcuts={answerKeys}
            aria-describedby={receiveOnly ? noteId : undefined}
            disabled={call.answering}
            onClick={answer}
          >
            {banner.answer}
          </button>
          <button
            type="button"
            className="sk-button"
            data-sipkit-variant="hangup"
            aria-keyshortcuts={declineKeys}
            onClick={() =>
              decline(declineStatus === undefined ? {} : { status_code: declineStatus })
            }
          >
            {banner.decline}
          </button>
          {ring.state === 'blocked' ? (
            <button type="button" className="sk-button" onClick={ring.enableSound}>
              {attention.enableSound}
            </button>
          ) : null}
          {ring.state !== 'off' && !waiting ? (
            <button
              type="button"
              className="sk-button"
              data-sipkit-variant="toggle"
              data-sipkit-action="silence"
              onClick={ring.silence}
            >
              {attention.silence}
            </button>
          ) : null}
        </div>
      </section>
    );
  },
);
