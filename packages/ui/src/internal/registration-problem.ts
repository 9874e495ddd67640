import { Causes } from '@sipkit/core';
import type { UseRegistrationResult } from '@sipkit/react';
import { truncateText } from './truncate-text.js';

/**
 * What stops the phone from working, said for people: a title, what to change, and the
 * configuration key at fault when there is one.
 *
 * @example const problem: RegistrationProblem = { title: 'Cannot start', detail: '…', parameter: 'uri' };
 */
export interface RegistrationProblem {
  readonly title: string;
  readonly detail: string;
  /** The configuration key to change (`uri`, `sockets`, `password`...), when one is at fault. */
  readonly parameter: string | undefined;
  /**
   * What "Retry now" does, when trying again can help: `connection` reconnects (a server that
   * could not be reached), `registration` sends REGISTER again; undefined: only a change of
   * settings helps (a configuration error).
   */
  readonly retry: 'connection' | 'registration' | undefined;
  /** True when the account settings are the likely fix ("Edit account"). */
  readonly editAccount: boolean;
}

type Registration = Pick<
  UseRegistrationResult,
  'status' | 'cause' | 'statusCode' | 'reasonPhrase' | 'connection' | 'connectionFailure' | 'error'
>;

// Error messages can quote a value the user typed: long, but not unbounded on screen.
const MAX_DETAIL = 512;

/**
 * The problem to show for a registration state, or undefined when there is none: the provider's
 * error first (no UA runs), then a failed registration, then a server that cannot be reached.
 *
 * @example registrationProblem(useRegistration())?.parameter // 'sockets'
 */
export function registrationProblem(registration: Registration): RegistrationProblem | undefined {
  const { error, status, connection, connectionFailure } = registration;
  if (error !== undefined) {
    return {
      title:
        error.parameter === undefined
          ? `Cannot start: ${error.name}`
          : `Cannot start: check “${error.parameter}”`,
      detail: truncateText(error.message, MAX_DETAIL),
      parameter: error.parameter,
      retry: undefined,
      editAccount: true,
    };
  }
  if (status === 'failed') return failedRegistration(registration);
  if (connectionFailure !== undefined && connection !== 'connected') {
    const code =
      connectionFailure.code === undefined ? '' : ` (close code ${connectionFailure.code})`;
    const reason =
      connectionFailure.reason === undefined || connectionFailure.reason === ''
        ? ''
        : `: ${truncateText(connectionFailure.reason, 96)}`;
    return {
      title: `Cannot reach ${truncateText(connectionFailure.url, 96)}`,
      detail:
        `The WebSocket connection failed or timed out${code}${reason}; the phone keeps retrying. ` +
        'Check that the server is running and that “sockets” has its URL (ws: or wss:).',
      parameter: 'sockets',
      retry: 'connection',
      editAccount: true,
    };
  }
  return undefined;
}

function failedRegistration(registration: Registration): RegistrationProblem {
  const { cause, statusCode, reasonPhrase } = registration;
  const response = [statusCode, truncateText(reasonPhrase ?? '', 96)].filter(Boolean).join(' ');
  const answered = response === '' ? '' : ` (${response})`;
  if (cause === Causes.NO_CREDENTIALS) {
    return {
      title: 'Registration failed: no password configured',
      detail:
        `The server asks for credentials${answered} and none are configured: ` +
        'set “password” (or “ha1” with “realm”, or “authorization_jwt”).',
      parameter: 'password',
      retry: undefined,
      editAccount: true,
    };
  }
  if (cause === Causes.AUTHENTICATION_ERROR) {
    return {
      title: 'Registration failed: credentials refused',
      detail: `The server refused the credentials${answered}: check “password” and “authorization_user”. Calls stay off until it registers.`,
      parameter: 'password',
      retry: 'registration',
      editAccount: true,
    };
  }
  if (cause === Causes.REQUEST_TIMEOUT || cause === Causes.CONNECTION_ERROR) {
    return {
      title: `Registration failed: ${cause}`,
      detail: 'The registrar did not answer; the phone registers again once connected.',
      parameter: undefined,
      retry: 'registration',
      editAccount: false,
    };
  }
  return {
    title: `Registration failed: ${cause ?? 'unknown cause'}`,
    detail: `The registrar answered${answered === '' ? ' with an error' : answered}: check “uri” and “registrar_server”.`,
    parameter: undefined,
    retry: 'registration',
    editAccount: true,
  };
}
