import { useIncomingCall, useMicrophoneStatus, type AnswerCallOptions } from '@sipkit/react';
import { useCallback, type ReactElement, type RefObject } from 'react';
import type { AudioContextFactory } from '../attention/audio-context-like.js';
import type { Sound } from '../attention/sound-player.js';
import { useIncomingCallNotification } from '../attention/use-incoming-call-notification.js';
import { useRingback } from '../attention/use-ringback.js';
import { useTabTitleAlert } from '../attention/use-tab-title-alert.js';
import { useAnswerIncoming } from '../devices/use-answer-incoming.js';
import {
  nextActionSelector,
  useNextActionFocus,
  type NextAction,
} from '../focus/use-next-action-focus.js';
import type { CallShortcuts } from '../keyboard/call-shortcuts.js';
import { useCallShortcuts } from '../keyboard/use-call-shortcuts.js';
import { useTypedDtmf } from '../keyboard/use-typed-dtmf.js';
import { partyName } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';
import { MicrophoneNotice } from './microphone-notice.js';

/** What `<Softphone>` passes to its attention and keyboard behaviour. */
export interface SoftphoneAttentionOptions {
  readonly root: RefObject<HTMLElement | null>;
  /** A call is in progress (not only ringing in). */
  readonly inCall: boolean;
  readonly ringback: Sound | false | undefined;
  readonly notifications: boolean;
  readonly shortcuts: CallShortcuts | false;
  readonly answerOptions: AnswerCallOptions | undefined;
  readonly audioContext: AudioContextFactory | undefined;
}

/**
 * The behaviour `<Softphone>` adds around its parts: focus on the next action, call shortcuts,
 * typed DTMF, the ringback, the tab title and the background notification while a call rings,
 * and the microphone check. Returns what the markup needs.
 */
export function useSoftphoneAttention({
  root,
  inCall,
  ringback,
  notifications,
  shortcuts,
  answerOptions,
  audioContext,
}: SoftphoneAttentionOptions): {
  readonly microphone: ReturnType<typeof useMicrophoneStatus>;
  readonly alerts: ReactElement;
} {
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
          data-action="notify"
          onClick={() => void notification.requestPermission()}
        >
          {text.notify}
        </button>
      ) : null}
    </>
  );
  return { microphone, alerts };
}
