import type { MicrophoneStatus } from '@sipkit/react';

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

// One place for the strings, so moving them to the messages object is one edit.
const ADVICE: Partial<Record<MicrophoneStatus, MicrophoneAdvice>> = {
  denied: {
    title: 'Microphone blocked',
    detail:
      'This site may not use your microphone, so you cannot place calls. Allow it in the ' +
      'browser’s site settings (the icon at the left of the address bar), then choose ' +
      '“Check again”. Calls you answer are receive-only until then.',
  },
  missing: {
    title: 'No microphone found',
    detail:
      'Connect a microphone or headset, then choose “Check again”. Calls you answer are ' +
      'receive-only until then.',
  },
};

/**
 * The advice for a microphone status; undefined for `granted`, `prompt`, `unknown` and
 * `unsupported` (the app may bring its own media).
 *
 * @example const advice = microphoneAdvice(useMicrophoneStatus().status);
 */
export function microphoneAdvice(status: MicrophoneStatus): MicrophoneAdvice | undefined {
  return ADVICE[status];
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
