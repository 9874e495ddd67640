import type { IncomingRequest, IncomingResponse } from '../message/index.js';

export const SDP = 'application/sdp';

/** True when `message` carries SDP: a body typed `application/sdp`, or untyped. */
export function isSdp(message: IncomingRequest | IncomingResponse): boolean {
  if (message.body === '') return false;
  const type = message.header('content-type')?.split(';')[0]?.trim().toLowerCase();
  return type === undefined || type === SDP;
}
