import { useIncomingCall, type AnswerCallOptions, type MicrophoneStatus } from '@sipkit/react';
import { useCallback } from 'react';
import { microphoneBlocksCalls } from './microphone-advice.js';
import { NO_MICROPHONE_DECLINE, receiveOnlyAnswerOptions } from './receive-only-answer.js';

/**
 * What `useAnswerIncoming` returns.
 *
 * @example const { answer, receiveOnly }: UseAnswerIncomingResult = useAnswerIncoming({ microphone });
 */
export interface UseAnswerIncomingResult {
  /** Answers the ringing call: receive-only when there is no usable microphone. */
  answer(): void;
  /** True when answering now would be receive-only. */
  readonly receiveOnly: boolean;
}

/**
 * Answers the longest-ringing call in the way that works with the microphone as it is: normally
 * with `answerOptions`; receive-only when the microphone is blocked or missing (the call would
 * otherwise fail at once, the caller seeing a generic error); and where even that is impossible
 * it declines with 480 and a Reason header that says why.
 *
 * @example
 * const { status } = useMicrophoneStatus();
 * const { answer } = useAnswerIncoming({ microphone: status });
 */
export function useAnswerIncoming({
  answerOptions,
  microphone,
}: {
  readonly answerOptions?: AnswerCallOptions | undefined;
  readonly microphone: MicrophoneStatus;
}): UseAnswerIncomingResult {
  const incoming = useIncomingCall();
  const receiveOnly = microphoneBlocksCalls(microphone);
  const answer = useCallback(() => {
    if (!receiveOnly) return incoming.answer(answerOptions);
    const options = receiveOnlyAnswerOptions(answerOptions);
    if (options === undefined) incoming.decline(NO_MICROPHONE_DECLINE);
    else incoming.answer(options);
  }, [incoming, answerOptions, receiveOnly]);
  return { answer, receiveOnly };
}
