import type { RegistrationEventSink, RegistrationEvents } from '../registration/registrator.js';
import { Causes } from './causes.js';

/**
 * The registrator's event sink, with a challenge this UA could not answer because it has no
 * credentials at all reported as `No Credentials` rather than `Authentication Error`: the user
 * has to add a password, not correct one. The registrator itself only knows that the 401/407
 * went unanswered (RFC 3261 §22.2); the UA knows why.
 *
 * The check runs per event, not once: `ua.set('password', …)` may add credentials later.
 *
 * @example events: missingCredentialsNamed(this.#events, () => this.#credentials !== undefined)
 */
export function missingCredentialsNamed(
  events: RegistrationEventSink,
  hasCredentials: () => boolean,
): RegistrationEventSink {
  return {
    listenerCount: (event) => events.listenerCount(event),
    emit: (event, payload) => events.emit(event, hasCredentials() ? payload : renamed(payload)),
  };
}

function renamed<P extends RegistrationEvents[keyof RegistrationEvents]>(payload: P): P {
  if (!('cause' in payload) || payload.cause !== Causes.AUTHENTICATION_ERROR) return payload;
  const status = 'response' in payload ? payload.response?.status : undefined;
  if (status !== 401 && status !== 407) return payload;
  return { ...payload, cause: Causes.NO_CREDENTIALS };
}
