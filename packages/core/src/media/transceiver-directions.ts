import type { RtpTransceiverLike } from './peer-connection-like.js';

/**
 * Sets every live transceiver's direction for the hold state before an offer or answer is made
 * (RFC 3264 §8.4): held, we only send (`sendonly`); otherwise `sendrecv`. A transceiver with
 * nothing to send (no local track, e.g. video the far end offered) gets `inactive` / `recvonly`
 * instead, so the SDP does not promise media that will never come.
 *
 * In an answer, WebRTC intersects these with the offer itself (JSEP, RFC 8829 §5.3.1): when the far
 * end holds too (its offer is `sendonly`), a held `sendonly` becomes `inactive`.
 *
 * @example
 * ```ts
 * setHoldDirections(pc.getTransceivers(), true); // then pc.createOffer()
 * ```
 */
export function setHoldDirections(
  transceivers: readonly RtpTransceiverLike[],
  localHold: boolean,
): void {
  for (const transceiver of transceivers) {
    // Setting the direction of a stopped transceiver throws InvalidStateError.
    if (transceiver.direction === 'stopped' || transceiver.currentDirection === 'stopped') continue;
    const sending = transceiver.sender.track !== null;
    const direction: RTCRtpTransceiverDirection = sending
      ? localHold
        ? 'sendonly'
        : 'sendrecv'
      : localHold
        ? 'inactive'
        : 'recvonly';
    if (transceiver.direction !== direction) transceiver.direction = direction;
  }
}
