import type { MicrophoneStatus } from '@sipkit/react';
import { defaultMessages } from '../messages/default-messages.js';
import type { MicrophoneMessages } from '../messages/sipkit-messages.js';

/**
 * What to tell a person about their microphone before a call: a title and what to do, or
 * undefined when calls can use it (or the browser will simply ask).
 *
 * @example microphoneAdvice('denied')?.title // 'Microphone blocked'
 */
export interface MicrophoneAdvice {
  readonly title: string;
  readonly detail: string;
}

/**
 * The advice for a microphone status; undefined for `granted`, `prompt`, `unknown` and
 * `unsupported` (the app may bring its own media).
 *
 * @example const advice = microphoneAdvice(useMicrophoneStatus().status);
 */
export function microphoneAdvice(
  status: MicrophoneStatus,
  text: MicrophoneMessages = defaultMessages.microphone,
): MicrophoneAdvice | undefined {
  if (status === 'denied') return { title: text.deniedTitle, detail: text.deniedDetail };
  if (status === 'missing') return { title: text.missingTitle, detail: text.missingDetail };
  return undefined;
}

/**
 * True when a call placed now could not send audio: it would fail with "User Denied Media
 * Access" or a missing device, so placing calls is refused up front.
 *
 * @example <CallButton disabled={microphoneBlocksCalls(status)} target={target} />
 */
export function microphoneBlocksCalls(status: MicrophoneStatus): boolean {
  // Not `unsupported`: without navigator.mediaDevices an app may still bring its own media
  // (a media handler factory, a mediaStream), and the kit cannot tell.
  return status === 'denied' || status === 'missing';
}
