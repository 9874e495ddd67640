import type { TerminateOptions } from '@sipkit/core';
import type { AnswerCallOptions } from '@sipkit/react';

/**
 * Answer options for a call taken without a microphone: an empty local stream, so no
 * getUserMedia runs and the answer offers nothing to send (each m-line `recvonly`, RFC 3264
 * §6.1). The person hears the caller and can still hang up, transfer or hold; undefined where
 * the runtime has no `MediaStream`.
 *
 * @example actions.answer(id, receiveOnlyAnswerOptions(answerOptions) ?? answerOptions);
 */
export function receiveOnlyAnswerOptions(
  options: AnswerCallOptions = {},
): AnswerCallOptions | undefined {
  const Stream = (globalThis as { MediaStream?: new () => MediaStream }).MediaStream;
  if (Stream === undefined) return undefined;
  return { ...options, mediaStream: new Stream() };
}

/**
 * How to refuse a call that cannot be answered at all (no microphone and no way to answer
 * receive-only): 480 Temporarily Unavailable with a Reason header (RFC 3326) that says why, so
 * the caller's phone or the proxy's logs show the cause instead of a generic failure.
 *
 * @example actions.decline(id, NO_MICROPHONE_DECLINE);
 */
export const NO_MICROPHONE_DECLINE: TerminateOptions = Object.freeze({
  status_code: 480,
  reason_phrase: 'Temporarily Unavailable',
  extraHeaders: ['Reason: SIP ;cause=480 ;text="No microphone available"'],
});
