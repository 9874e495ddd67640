import type { Cause, UnregisterOptions } from '@sipkit/core';
import { useMemo } from 'react';
import type { ConnectionStatus, RegistrationStatus } from '../store/sip-state.js';
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
  readonly connection: ConnectionStatus;
  register(): void;
  unregister(options?: UnregisterOptions): void;
}

/**
 * Registration and connection status with register/unregister. Re-renders only when one of
 * those changes, never for calls or messages.
 *
 * @example
 * const { status, cause, register } = useRegistration();
 * return status === 'failed' ? <button onClick={register}>Retry ({cause})</button> : <span>{status}</span>;
 */
export function useRegistration(): UseRegistrationResult {
  const registration = useSipStore((s) => s.registration);
  const connection = useSipStore((s) => s.connection);
  const actions = useSipActions();
  return useMemo(
    () => ({
      status: registration.status,
      cause: registration.cause,
      connection,
      register: actions.register,
      unregister: actions.unregister,
    }),
    [registration, connection, actions],
  );
}
