/**
 * JsSIP's `Exceptions`: the error classes a JsSIP app catches by name. Each carries what went
 * wrong as data (`parameter`, `value`, `status`) so a UI can say what to change.
 */

/**
 * A configuration parameter (or call option) is missing or invalid.
 *
 * @example
 * try { new UA({ uri: 'nope' }); } catch (e) { if (e instanceof Exceptions.ConfigurationError) console.log(e.parameter); }
 */
export class ConfigurationError extends Error {
  override readonly name = 'CONFIGURATION_ERROR';
  readonly code = 1;
  readonly parameter: string;
  /** The offending value; secrets are never kept here (see `fromSipKit`). */
  readonly value: unknown;

  constructor(parameter: string, value?: unknown, message?: string) {
    super(message ?? `Invalid value ${describe(value)} for parameter "${parameter}"`);
    this.parameter = parameter;
    this.value = value;
  }
}

/**
 * A method was called in a state that does not allow it (e.g. `answer()` on an outgoing call).
 *
 * @example session.answer(); // throws InvalidStateError when the call is outgoing
 */
export class InvalidStateError extends Error {
  override readonly name = 'INVALID_STATE_ERROR';
  readonly code = 2;
  readonly status: number | string;

  constructor(status: number | string, message?: string) {
    super(message ?? `Invalid status: ${String(status)}`);
    this.status = status;
  }
}

/**
 * The feature exists in JsSIP but cannot work here (e.g. no WebRTC in this runtime).
 *
 * @example throw new NotSupportedError('WebRTC is not available');
 */
export class NotSupportedError extends Error {
  override readonly name = 'NOT_SUPPORTED_ERROR';
  readonly code = 3;
}

/**
 * The UA cannot do this yet (e.g. it is not started or not connected).
 *
 * @example ua.call('bob'); // throws NotReadyError before ua.start()
 */
export class NotReadyError extends Error {
  override readonly name = 'NOT_READY_ERROR';
  readonly code = 4;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  return `of type ${typeof value}`;
}
