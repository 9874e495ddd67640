import { DEV } from '../diagnostics/dev-mode.js';
/**
 * Why a mid-call media change (`addVideo`, `shareScreen`...) did not happen. The call goes on
 * unchanged in every case: nothing was offered, or the offer was rolled back.
 */
export type MediaChangeProblem =
  /** The user or the browser refused the camera or the screen (`NotAllowedError`, `SecurityError`). */
  | 'not-allowed'
  /** No camera (`NotFoundError`, `OverconstrainedError`). */
  | 'not-found'
  /** The device exists but cannot be opened (`NotReadableError`, `AbortError`): another app holds it. */
  | 'not-readable'
  /** This runtime has no getUserMedia / getDisplayMedia, or the media handler has no video senders. */
  | 'not-supported'
  /** The call cannot take an offer now: not confirmed, or another offer is in progress (RFC 3261 §14.1). */
  | 'not-ready'
  /** The far end refused the offer (or did not answer): the previous media stays in force. */
  | 'refused';

/**
 * A mid-call media change failed; `problem` says why, `parameter` names what to change and the
 * message says how.
 *
 * @example
 * ```ts
 * try {
 *   await addVideo(session);
 * } catch (error) {
 *   if (error instanceof MediaChangeError && error.problem === 'not-allowed') showCameraHelp();
 * }
 * ```
 */
export class MediaChangeError extends Error {
  override readonly name = 'MediaChangeError';
  readonly problem: MediaChangeProblem;
  /** The option or thing at fault: `constraints`, `getUserMedia`, `getDisplayMedia`, `session`. */
  readonly parameter: string;

  constructor(problem: MediaChangeProblem, parameter: string, message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.problem = problem;
    this.parameter = parameter;
  }
}

/**
 * A getUserMedia / getDisplayMedia rejection as a `MediaChangeError` saying what to change.
 * `source` is the device asked for (`camera` or `screen`).
 */
export function deviceError(error: unknown, source: 'camera' | 'screen'): MediaChangeError {
  if (error instanceof MediaChangeError) return error;
  const name = error instanceof Error ? error.name : '';
  const parameter = source === 'camera' ? 'constraints' : 'getDisplayMedia';
  const what = source === 'camera' ? 'the camera' : 'screen sharing';
  if (name === 'NotAllowedError' || name === 'SecurityError') {
    return new MediaChangeError(
      'not-allowed',
      parameter,
      DEV
        ? `${what} was refused: allow it for this site in the browser's permission settings` +
            (source === 'screen' ? " (or pick a screen or window in the browser's dialog)" : '')
        : `media-change.not-allowed ${source}`,
      error,
    );
  }
  if (name === 'NotFoundError' || name === 'OverconstrainedError') {
    return new MediaChangeError(
      'not-found',
      parameter,
      DEV
        ? `no ${source === 'camera' ? 'camera matches' : 'screen source matches'}: connect one or loosen "${parameter}"`
        : `media-change.not-found ${source}`,
      error,
    );
  }
  if (name === 'NotReadableError' || name === 'AbortError') {
    return new MediaChangeError(
      'not-readable',
      parameter,
      DEV
        ? `${what} cannot be opened: close the other application using it, then try again`
        : `media-change.not-readable ${source}`,
      error,
    );
  }
  const reason = error instanceof Error ? error.message : String(error);
  return new MediaChangeError(
    'not-supported',
    parameter,
    DEV ? `${what} failed: ${reason}` : `media-change.device-failed ${source} ${reason}`,
    error,
  );
}
