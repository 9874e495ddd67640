import type { Cause, UnregisterOptions } from '@sipkit/core';
import { useMemo } from 'react';
import type {
  ClientError,
  ConnectionFailure,
  ConnectionStatus,
  RegistrationStatus,
} from '../store/sip-state.js';
import { useSipActions } from './use-sip-actions.js';
import { useSipStore } from './use-sip-store.js';

/**
 * What `useRegistration` returns.
 *
 * @example const { status, connection }: UseRegistrationResult = useRegistration();
 */
export interface UseRegistrationResult {
  readonly status: RegistrationStatus;
  /** Why the last registration failed or ended (undefined while registered). */
  readonly cause: Cause | undefined;
  /** The status code of the response behind `cause` (401, 403, 503...), when one came. */
  readonly statusCode: number | undefined;
  /** That response's reason phrase (bounded to 200 characters). */
  readonly reasonPhrase: string | undefined;
  readonly connection: ConnectionStatus;
  /** Which server could not be reached, and the close code, while the connection is down. */
  readonly connectionFailure: ConnectionFailure | undefined;
  /**
   * Why no UA runs at all (e.g. a `ConfigurationError` with its `parameter`); while it is set,
   * `status` stays `unregistered` and `connection` `idle`. Same value as `useSipError()`.
   */
  readonly error: ClientError | undefined;
  register(): void;
  unregister(options?: UnregisterOptions): void;
}

/**
 * Registration and connection status, with why they are not what was wanted (the cause, the
 * response's status code and reason phrase, the server that could not be reached, the
 * configuration error), and register/unregister. Re-renders only when one of those changes,
 * never for calls or messages.
 *
 * @example
 * const { status, cause, statusCode, error, register } = useRegistration();
 * if (error) return <p role="alert">{error.parameter}: {error.message}</p>;
 * return status === 'failed' ? <button onClick={register}>Retry ({cause} {statusCode})</button> : <span>{status}</span>;
 */
export function useRegistration(): UseRegistrationResult {
  const registration = useSipStore((s) => s.registration);
  const connection = useSipStore((s) => s.connection);
  const connectionFailure = useSipStore((s) => s.connectionFailure);
  const error = useSipStore((s) => s.error);
  const actions = useSipActions();
  return useMemo(
    () => ({
      status: registration.status,
      cause: registration.cause,
      statusCode: registration.statusCode,
      reasonPhrase: registration.reasonPhrase,
      connection,
      connectionFailure,
      error,
      register: actions.register,
      unregister: actions.unregister,
    }),
    [registration, connection, connectionFailure, error, actions],
  );
}
