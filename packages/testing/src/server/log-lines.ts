import type { IncomingRequest, IncomingResponse } from '@sipkit/core';

/** The message of whatever was thrown, for a log line. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** One line for a received message: start line, CSeq and Call-ID. */
export function summary(message: IncomingRequest | IncomingResponse): string {
  const start =
    message.kind === 'request'
      ? `${message.method} ${message.requestUri}`
      : `${message.status} ${message.reason}`;
  return `${start} (${message.cseq.seq} ${message.cseq.method}, Call-ID ${message.callId})`;
}
