import type { Clock } from '../transport/clock.js';
import { namedError } from './named-error.js';
import type { IceCandidateEventLike, PeerConnectionLike } from './peer-connection-like.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Default wait after the first srflx/relay candidate, in ms. */
export const DEFAULT_ICE_GATHERING_TIMEOUT = 500;
/** Default cap on the whole gathering, in ms. */
export const DEFAULT_ICE_GATHERING_MAX_TIME = 5000;

/** How long `gatherLocalDescription` may wait for candidates. */
export interface IceGatheringOptions {
  /** ms to wait once the first server-reflexive or relay candidate arrived. */
  readonly timeout: number;
  /** ms cap on the whole wait, counted from when `setLocalDescription` resolved. */
  readonly maxTime: number;
  readonly clock: Clock;
  /**
   * True when the description restarts ICE: the gathering state may still say `complete` from the
   * previous generation right after `setLocalDescription`, so that is not trusted.
   */
  readonly iceRestart?: boolean;
  /** Aborting (the handler closed) rejects the wait and clears its timers. */
  readonly signal?: AbortSignal;
  /**
   * Aborting this one ends the wait successfully at once: the app said the candidates gathered so
   * far are enough (the `ready()` of the `icecandidate` event).
   */
  readonly readySignal?: AbortSignal;
}

/**
 * Applies a local description and waits until its SDP holds the candidates worth sending, then
 * resolves with `pc.localDescription.sdp`. SIP has no trickle ICE here (RFC 8840 is not assumed),
 * so the offer or answer must carry its candidates, but waiting for the browser to declare
 * gathering complete can take tens of seconds when a STUN/TURN server does not answer. The wait
 * ends at the first of:
 *
 * 1. `iceGatheringState` is (or becomes) `complete`;
 * 2. the null end-of-candidates `icecandidate` event;
 * 3. `timeout` ms after the first `srflx` or `relay` candidate: once the public address is known,
 *    later candidates rarely matter;
 * 4. `maxTime` ms in all. With only host candidates (an unreachable STUN server, or no network
 *    beyond the LAN) rule 3 never fires, so such a call pays up to `maxTime` before its SDP is sent.
 *
 * @example
 * ```ts
 * const offer = await pc.createOffer();
 * const sdp = await gatherLocalDescription(pc, offer, {
 *   timeout: 500,
 *   maxTime: 5000,
 *   clock: systemClock,
 * });
 * ```
 */
export async function gatherLocalDescription(
  pc: PeerConnectionLike,
  description: RTCLocalSessionDescriptionInit,
  options: IceGatheringOptions,
): Promise<string> {
  const wait = new GatheringWait(pc, options);
  try {
    await pc.setLocalDescription(description);
  } catch (error) {
    wait.dispose();
    throw error;
  }
  await wait.start();
  const sdp = pc.localDescription?.sdp;
  if (sdp === undefined)
    throw new Error(
      DEV ? 'no local description after setLocalDescription' : 'media.no-local-description',
    );
  return sdp;
}

/**
 * The listeners and timers of one wait. Listeners go on before `setLocalDescription`, so an early
 * candidate or end-of-candidates is not missed; timers start after it resolves.
 */
class GatheringWait {
  readonly #pc: PeerConnectionLike;
  readonly #options: IceGatheringOptions;
  readonly #timers: unknown[] = [];
  #sawPublicCandidate = false;
  #ended = false;
  #started = false;
  #settle: ((error?: Error) => void) | undefined;

  constructor(pc: PeerConnectionLike, options: IceGatheringOptions) {
    this.#pc = pc;
    this.#options = options;
    pc.addEventListener('icecandidate', this.#onCandidate);
    pc.addEventListener('icegatheringstatechange', this.#onStateChange);
    options.readySignal?.addEventListener('abort', this.#onReady);
  }

  start(): Promise<void> {
    const { signal, iceRestart = false, clock } = this.#options;
    return new Promise<void>((resolve, reject) => {
      this.#settle = (error) => {
        this.dispose();
        if (error === undefined) resolve();
        else reject(error);
      };
      if (signal?.aborted === true) return this.#settle(abortError());
      signal?.addEventListener('abort', this.#onAbort);
      this.#started = true;
      const ready = this.#ended || this.#options.readySignal?.aborted === true;
      if (ready || (!iceRestart && this.#pc.iceGatheringState === 'complete')) {
        return this.#settle();
      }
      this.#timers.push(clock.setTimeout(() => this.#settle?.(), this.#options.maxTime));
      if (this.#sawPublicCandidate) this.#startCandidateTimer();
    });
  }

  dispose(): void {
    this.#pc.removeEventListener('icecandidate', this.#onCandidate);
    this.#pc.removeEventListener('icegatheringstatechange', this.#onStateChange);
    this.#options.signal?.removeEventListener('abort', this.#onAbort);
    this.#options.readySignal?.removeEventListener('abort', this.#onReady);
    for (const timer of this.#timers) this.#options.clock.clearTimeout(timer);
    this.#timers.length = 0;
    this.#settle = undefined;
  }

  readonly #onCandidate = (event: IceCandidateEventLike): void => {
    const { candidate } = event;
    if (candidate === null) return this.#end();
    const type = candidateType(candidate);
    if ((type === 'srflx' || type === 'relay') && !this.#sawPublicCandidate) {
      this.#sawPublicCandidate = true;
      if (this.#started) this.#startCandidateTimer();
    }
  };

  readonly #onStateChange = (): void => {
    if (this.#pc.iceGatheringState === 'complete') this.#end();
  };

  readonly #onReady = (): void => {
    this.#end();
  };

  readonly #onAbort = (): void => {
    this.#settle?.(abortError());
  };

  #end(): void {
    this.#ended = true;
    this.#settle?.();
  }

  #startCandidateTimer(): void {
    this.#timers.push(
      this.#options.clock.setTimeout(() => this.#settle?.(), this.#options.timeout),
    );
  }
}

/**
 * The candidate type: the parsed `type` field where the browser fills it in, else read from the
 * candidate line (`... typ srflx ...`, RFC 8839 §5.1).
 */
export function candidateType(candidate: RTCIceCandidate): string | undefined {
  // Some runtimes leave `type` out altogether, hence `??` rather than a null check.
  return candidate.type ?? /\btyp\s+(\S+)/.exec(candidate.candidate)?.[1];
}

function abortError(): Error {
  return namedError(
    'AbortError',
    DEV ? 'media handler closed during ICE gathering' : 'media.closed-while-gathering',
  );
}
