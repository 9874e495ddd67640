import { useIncomingCall, useMicrophoneStatus, type AnswerCallOptions } from '@sipkit/react';
import { useCallback, type ReactElement, type RefObject } from 'react';
import type { AudioContextFactory } from '../attention/audio-context-like.js';
import type { Sound } from '../attention/sound-player.js';
import { useIncomingCallNotification } from '../attention/use-incoming-call-notification.js';
import { useRingback } from '../attention/use-ringback.js';
import { useTabTitleAlert } from '../attention/use-tab-title-alert.js';
import { microphoneBlocksCalls } from '../devices/microphone-advice.js';
import { useAnswerIncoming } from '../devices/use-answer-incoming.js';
import {
  nextActionSelector,
  useNextActionFocus,
  type NextAction,
} from '../focus/use-next-action-focus.js';
import { DEFAULT_CALL_SHORTCUTS, type CallShortcuts } from '../keyboard/call-shortcuts.js';
import { useCallShortcuts } from '../keyboard/use-call-shortcuts.js';
import { useTypedDtmf } from '../keyboard/use-typed-dtmf.js';
import { partyName } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';
import { MicrophoneNotice } from './microphone-notice.js';

/** Options of `useSoftphoneAttention`. */
export interface SoftphoneAttentionOptions {
  /** The phone's root: focus moves inside it, to `[data-sipkit-focus]` elements. */
  readonly root: RefObject<HTMLElement | null>;
  /** A call is in progress (not only ringing in). */
  readonly inCall: boolean;
  /** The ringback (default the generated `RINGBACK`); `false` for none. */
  readonly ringback?: Sound | false | undefined;
  /** Offer the background notification (default false). */
  readonly notifications?: boolean | undefined;
  /** Default `DEFAULT_CALL_SHORTCUTS`; `false` for none. */
  readonly shortcuts?: CallShortcuts | false | undefined;
  /** Options of calls answered with the shortcut, as the Answer button's. */
  readonly answerOptions?: AnswerCallOptions | undefined;
  readonly audioContext?: AudioContextFactory | undefined;
}

/**
 * What `useSoftphoneAttention` returns.
 *
 * @example const { microphone, callsBlocked, alerts }: SoftphoneAttention = useSoftphoneAttention({ root, inCall });
 */
export interface SoftphoneAttention {
  /** The microphone check: give `status` to `<IncomingCallBanner microphone>`. */
  readonly microphone: ReturnType<typeof useMicrophoneStatus>;
  /** True when calls cannot be placed (the microphone is blocked or missing): disable Call. */
  readonly callsBlocked: boolean;
  /** The microphone notice, the ringback's "Enable sound", the notification opt-in: render it. */
  readonly alerts: ReactElement;
}

/**
 * The behaviour `<Softphone>` adds around its parts, for phones composed from the parts: focus
 * on the next action (Answer, Hang up, the dial field) inside `root`, call shortcuts, digits
 * typed during a call sent as DTMF, the ringback, the tab title and the opt-in background
 * notification while a call rings, and the microphone check. Wrap the phone in
 * `<CallShortcutsContext.Provider value={DEFAULT_CALL_SHORTCUTS}>` so buttons announce the keys.
 *
 * @example
 * const root = useRef<HTMLDivElement>(null);
 * const { microphone, callsBlocked, alerts } = useSoftphoneAttention({ root, inCall });
 * return <div ref={root}>{alerts}<IncomingCallBanner microphone={microphone.status} />…</div>;
 */
export function useSoftphoneAttention({
  root,
  inCall,
  ringback,
  notifications = false,
  shortcuts = DEFAULT_CALL_SHORTCUTS,
  answerOptions,
  audioContext,
}: SoftphoneAttentionOptions): SoftphoneAttention {
  const microphone = useMicrophoneStatus();
  const { attention: text } = useMessages();
  const { call } = useIncomingCall();
  const ringing = call !== undefined && !call.answering;
  const { answer } = useAnswerIncoming({ answerOptions, microphone: microphone.status });
  const focusAnswer = useCallback(() => {
    root.current?.querySelector<HTMLElement>(nextActionSelector('answer'))?.focus();
  }, [root]);
  const next: NextAction = ringing ? 'answer' : inCall ? 'hangup' : 'dial';
  useNextActionFocus(root, next);
  useCallShortcuts({
    enabled: shortcuts !== false,
    onAnswer: answer,
    ...(shortcuts === false ? {} : { shortcuts }),
  });
  useTypedDtmf();
  useTabTitleAlert(ringing ? text.tabTitle(partyName(call.remoteIdentity)) : undefined);
  const notification = useIncomingCallNotification({
    enabled: notifications,
    onClick: focusAnswer,
    title: () => text.notificationTitle,
  });
  const tone = useRingback({
    ...(ringback === undefined ? {} : { sound: ringback }),
    ...(audioContext === undefined ? {} : { audioContext }),
  });
  const alerts = (
    <>
      <MicrophoneNotice status={microphone.status} onCheck={() => void microphone.check()} />
      {tone.state === 'blocked' ? (
        <p className="sk-softphone-note">
          {text.ringbackBlocked}{' '}
          <button type="button" className="sk-button" onClick={tone.enableSound}>
            {text.enableSound}
          </button>
        </p>
      ) : null}
      {notifications && notification.permission === 'default' ? (
        <button
          type="button"
          className="sk-button"
          data-sipkit-action="notify"
          onClick={() => void notification.requestPermission()}
        >
          {text.notify}
        </button>
      ) : null}
    </>
  );
  return { microphone, callsBlocked: microphoneBlocksCalls(microphone.status), alerts };
}
