/**
 * A tone as the phone network plays it: one or more frequencies mixed, switched on and off in a
 * cadence, repeated or played once. Generated with Web Audio, so the kit ships no sound files.
 *
 * @example const beep: TonePattern = { frequencies: [440], cadence: [[300, 0]], repeat: false };
 */
export interface TonePattern {
  /** Frequencies in Hz, mixed at equal level. */
  readonly frequencies: readonly number[];
  /** `[on, off]` pairs in milliseconds, played in order. */
  readonly cadence: readonly (readonly [on: number, off: number])[];
  /** Start again after the last pair (a ringtone) or stop (a beep). */
  readonly repeat: boolean;
  /** Gain 0-1; default 0.15, quiet enough not to startle through headphones. */
  readonly volume?: number;
}

/**
 * The default ringtone of incoming calls: a warbling double ring (two short bursts, then a
 * pause), distinct from the ringback so the person can tell "my phone rings" from "theirs does".
 *
 * @example useRingtone({ active: ringing, sound: RINGTONE })
 */
export const RINGTONE: TonePattern = Object.freeze<TonePattern>({
  frequencies: [660, 880],
  cadence: [
    [400, 200],
    [400, 2000],
  ],
  repeat: true,
  volume: 0.15,
});

/**
 * The ringback heard while the far end rings (180 Ringing, no early media): 440 + 480 Hz, 2 s on,
 * 4 s off, the North American cadence (ITU-T E.180 lists the national variants).
 *
 * @example useRingtone({ active: theyRing, sound: RINGBACK })
 */
export const RINGBACK: TonePattern = Object.freeze<TonePattern>({
  frequencies: [440, 480],
  cadence: [[2000, 4000]],
  repeat: true,
  volume: 0.1,
});

/**
 * Call waiting: one short beep instead of a ringtone looping over the call in progress
 * (ITU-T E.180 call waiting tone: 440 Hz, a burst of 300 ms).
 *
 * @example useRingtone({ active: waiting, sound: CALL_WAITING_BEEP })
 */
export const CALL_WAITING_BEEP: TonePattern = Object.freeze<TonePattern>({
  frequencies: [440],
  cadence: [[300, 0]],
  repeat: false,
  volume: 0.15,
});

/** One cycle of a pattern in milliseconds. */
export function cycleLength(pattern: TonePattern): number {
  return pattern.cadence.reduce((total, [on, off]) => total + on + off, 0);
}
