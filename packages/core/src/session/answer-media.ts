import { sdpMediaSections } from '../media/sdp-direction.js';
import type { AnswerOptions } from './session-options.js';

/**
 * What to ask getUserMedia for when an incoming call is answered without `mediaConstraints` (or
 * `mediaStream`): what the offer asks of us. Audio when the offer has an enabled audio section;
 * video when it has an enabled video section the far end receives on (`sendrecv` or `recvonly`,
 * RFC 3264 §6.1: sending video to a `sendonly` offer is not possible anyway). A video call gets
 * the camera, a voice call never opens it. An offer with neither falls back to a voice call.
 *
 * @example
 * ```ts
 * offeredMediaConstraints(videoOffer); // { audio: true, video: true }
 * ```
 */
export function offeredMediaConstraints(offer: string): MediaStreamConstraints {
  let audio = false;
  let video = false;
  for (const section of sdpMediaSections(offer)) {
    if (section.direction === 'disabled') continue;
    if (section.media === 'audio') audio = true;
    const receives = section.direction === 'sendrecv' || section.direction === 'recvonly';
    if (section.media === 'video' && receives) video = true;
  }
  return audio || video ? { audio, video } : { audio: true, video: false };
}

/** The answer's options with media constraints from the offer when the app gave none. */
export function answerMediaOptions(
  options: AnswerOptions,
  offer: string | undefined,
): AnswerOptions {
  if (
    offer === undefined ||
    options.mediaConstraints !== undefined ||
    options.mediaStream !== undefined
  ) {
    return options;
  }
  return { ...options, mediaConstraints: offeredMediaConstraints(offer) };
}
