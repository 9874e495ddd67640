import type { DtmfOptions } from './media-handler.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Tone length when none is given, in ms (JsSIP's and RTCDTMFSender's default). */
export const DEFAULT_DTMF_DURATION = 100;
/** Gap between tones when none is given, in ms. */
export const DEFAULT_DTMF_INTER_TONE_GAP = 70;

/**
 * `DtmfOptions` with defaults applied, checked against RTCDTMFSender's limits (duration 40-6000
 * ms, gap at least 30 ms). `insertDTMF` would clamp out-of-range values silently (W3C WebRTC,
 * RTCDTMFSender); we throw a `RangeError` instead, so a caller's mistake shows where it is made.
 *
 * @example
 * ```ts
 * resolveDtmfOptions({ duration: 200 }); // { duration: 200, interToneGap: 70 }
 * resolveDtmfOptions({ duration: 10 }); // throws RangeError
 * ```
 */
export function resolveDtmfOptions(options: DtmfOptions = {}): Required<DtmfOptions> {
  const duration = options.duration ?? DEFAULT_DTMF_DURATION;
  const interToneGap = options.interToneGap ?? DEFAULT_DTMF_INTER_TONE_GAP;
  if (!Number.isFinite(duration) || duration < 40 || duration > 6000) {
    throw new RangeError(
      DEV
        ? `DTMF duration must be 40-6000 ms, got ${String(duration)}`
        : `media.dtmf-duration-invalid ${String(duration)}`,
    );
  }
  if (!Number.isFinite(interToneGap) || interToneGap < 30) {
    throw new RangeError(
      DEV
        ? `DTMF inter-tone gap must be at least 30 ms, got ${String(interToneGap)}`
        : `media.dtmf-gap-invalid ${String(interToneGap)}`,
    );
  }
  return { duration, interToneGap };
}
