import type { ClientError } from '../store/sip-state.js';
import { useSipStore } from './use-sip-store.js';

/**
 * Why the provider runs no UA, as plain data (`name`, `message`, `parameter`), or undefined while
 * one runs: a `ConfigurationError` (bad `uri`, a socket built from a bad URL is `sockets`...), or
 * a UA that failed to start. The same error is logged once through the provider's `logger`
 * (`console.error` in development when there is none). `useRegistration().error` is the same
 * value, for components that show registration anyway.
 *
 * @example
 * const error = useSipError();
 * if (error) return <p role="alert">Check “{error.parameter}”: {error.message}</p>;
 */
export function useSipError(): ClientError | undefined {
  return useSipStore((s) => s.error);
}
