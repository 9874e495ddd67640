/**
 * Thrown by `new UA(config)` (and `<SipProvider config>`) when the configuration is invalid.
 * `parameter` names the offending key; the message says what was expected. Messages never contain
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

  constructor(parameter: string, expected: string) {
    super(`Invalid configuration parameter "${parameter}": ${expected}`);
    this.parameter = parameter;
  }
}
