import { Causes, type Cause } from '../ua/causes.js';

/** The final response to an INVITE we tried to answer and could not: status and extra headers. */
export interface AnswerFailureResponse {
  readonly status: number;
  readonly headers: readonly string[];
}

/**
 * What the caller is told when answering failed on our side, by cause:
 * - a media description we cannot accept: 488 Not Acceptable Here (RFC 3261 §21.4.26);
 * - no microphone (getUserMedia refused, none connected): 480 Temporarily Unavailable with a
 *   Reason header (RFC 3326) that says so, where a bare 500 once left the caller with a
 *   generic "SIP Failure Code";
 * - anything else (a WebRTC error): 500 Server Internal Error.
 *
 * @example
 * ```ts
 * answerFailureResponse(Causes.USER_DENIED_MEDIA_ACCESS).status; // 480
 * ```
 */
export function answerFailureResponse(cause: Cause): AnswerFailureResponse {
  if (cause === Causes.BAD_MEDIA_DESCRIPTION) return { status: 488, headers: [] };
  if (cause === Causes.USER_DENIED_MEDIA_ACCESS) {
    return { status: 480, headers: ['Reason: SIP ;cause=480 ;text="No microphone available"'] };
  }
  return { status: 500, headers: [] };
}
