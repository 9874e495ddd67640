import { DEV } from '../diagnostics/dev-mode.js';

/**
 * Thrown by `new UA(config)` (and `<SipProvider config>`) when the configuration is invalid.
 * `parameter` names the offending key; the message says what was expected (in a production build,
 * as a code documented in `docs/errors/config.md`). Messages never contain
 * the value of a secret parameter (password, ha1, authorization_jwt).
 *
 * @example
 * try { new UA({ uri: 'alice', sockets }) } catch (e) {
 *   if (e instanceof ConfigurationError) console.log(e.parameter); // 'uri'
 * }
 */
export class ConfigurationError extends Error {
  override readonly name = 'ConfigurationError';
  /** The configuration key at fault, exactly as the user spells it (e.g. `register_expires`). */
  readonly parameter: string;

  /**
   * @param expected What was expected and what was found: a sentence in development builds, a
   *   `config.*` code with the values in production ones (`docs/errors/config.md`).
   */
  constructor(parameter: string, expected: string) {
    // Production: `config.not-boolean a number (parameter "register")`, the code first.
    super(
      DEV
        ? `Invalid configuration parameter "${parameter}": ${expected}`
        : `${expected} (parameter "${parameter}")`,
    );
    this.parameter = parameter;
  }
}
