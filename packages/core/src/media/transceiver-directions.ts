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

/**
 * The app's offer options for an offer on a connection that already has transceivers: the legacy
 * `offerToReceiveAudio` / `offerToReceiveVideo` are left out for a kind that already has a live
 * transceiver. Browsers read them as "add a `recvonly` transceiver of that kind when none
 * receives" (Chromium does exactly that), so on a hold offer, where every transceiver is
 * `sendonly`, they would add new m= sections instead of letting the existing ones carry the hold
 * (RFC 3264 §8.4 changes directions, it never adds streams). A false/0 value (stop receiving that
 * kind) is kept: it only narrows directions.
 *
 * @example
 * ```ts
 * const offer = await pc.createOffer(offerOptions(rtcOfferConstraints, pc.getTransceivers()));
 * ```
 */
export function offerOptions(
  options: RTCOfferOptions | undefined,
  transceivers: readonly RtpTransceiverLike[],
): RTCOfferOptions {
  const result: RTCOfferOptions = { ...options };
  const live = transceivers.filter(
    (transceiver) =>
      transceiver.direction !== 'stopped' && transceiver.currentDirection !== 'stopped',
  );
  const has = (kind: string): boolean =>
    live.some((transceiver) => transceiver.receiver.track.kind === kind);
  if (isTruthy(result.offerToReceiveAudio) && has('audio')) delete result.offerToReceiveAudio;
  if (isTruthy(result.offerToReceiveVideo) && has('video')) delete result.offerToReceiveVideo;
  return result;
}

// The legacy options were numbers before they were booleans; JsSIP apps pass 1.
function isTruthy(value: boolean | number | undefined): boolean {
  return value !== undefined && value !== false && value !== 0;
}
