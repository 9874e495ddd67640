import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Thrown at the call when an option of a UA or session method is invalid: `extraHeaders` with a
 * line break or a header the stack writes itself, an INFO content type that is not a media type,
 * a DTMF tone that is not one. The sibling of `ConfigurationError`: `parameter` names the option
 * as the caller wrote it (`extraHeaders[1]`, `contentType`), the message says what to change, and
 * nothing was sent or changed (a call stays up).
 *
 * @example
 * try { session.terminate({ extraHeaders: ['X-Why: a\r\nVia: evil'] }); } catch (e) {
 *   if (e instanceof InvalidOptionError) console.log(e.parameter); // 'extraHeaders[0]'
 * }
 */
export class InvalidOptionError extends Error {
  override readonly name = 'InvalidOptionError';
  /** The option at fault, e.g. `extraHeaders[0]`, `contentType`, `tones`. */
  readonly parameter: string;

  /** @param expected A sentence in development builds, an `option.*` code in production ones. */
  constructor(parameter: string, expected: string) {
    super(
      DEV ? `Invalid option "${parameter}": ${expected}` : `${expected} (parameter "${parameter}")`,
    );
    this.parameter = parameter;
  }
}
