import { Causes } from '@sipkit/core';
import type { UseRegistrationResult } from '@sipkit/react';
import { defaultMessages } from '../messages/default-messages.js';
import type { SipKitMessages } from '../messages/sipkit-messages.js';
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
}

type Registration = Pick<
  UseRegistrationResult,
  'status' | 'cause' | 'statusCode' | 'reasonPhrase' | 'connection' | 'connectionFailure' | 'error'
>;

// The texts it needs: the badge's for a UA that cannot start, its own for the rest.
type Texts = Pick<SipKitMessages, 'registration' | 'problem'>;

// Error messages can quote a value the user typed: long, but not unbounded on screen.
const MAX_DETAIL = 512;

/**
 * The problem to show for a registration state, or undefined when there is none: the provider's
 * error first (no UA runs), then a failed registration, then a server that cannot be reached.
 *
 * @example registrationProblem(useRegistration())?.parameter // 'sockets'
 */
export function registrationProblem(
  registration: Registration,
  messages: Texts = defaultMessages,
): RegistrationProblem | undefined {
  const { error, status, connection, connectionFailure } = registration;
  if (error !== undefined) {
    return {
      title:
        error.parameter === undefined
          ? messages.registration.cannotStart(error.name)
          : messages.registration.cannotStartParameter(error.parameter),
      detail: truncateText(error.message, MAX_DETAIL),
      parameter: error.parameter,
    };
  }
  if (status === 'failed') return failedRegistration(registration, messages.problem);
  if (connectionFailure !== undefined && connection !== 'connected') {
    return {
      title: messages.problem.unreachableTitle(truncateText(connectionFailure.url, 96)),
      detail: messages.problem.unreachableDetail(connectionFailure.code),
      parameter: 'sockets',
    };
  }
  return undefined;
}

function failedRegistration(
  registration: Registration,
  text: SipKitMessages['problem'],
): RegistrationProblem {
  const { cause, statusCode, reasonPhrase } = registration;
  const response = [statusCode, truncateText(reasonPhrase ?? '', 96)].filter(Boolean).join(' ');
  const answered = response === '' ? '' : ` (${response})`;
  if (cause === Causes.NO_CREDENTIALS) {
    return {
      title: text.noPasswordTitle,
      detail: text.noPasswordDetail(answered),
      parameter: 'password',
    };
  }
  if (cause === Causes.AUTHENTICATION_ERROR) {
    return {
      title: text.refusedTitle,
      detail: text.refusedDetail(answered),
      parameter: 'password',
    };
  }
  if (cause === Causes.REQUEST_TIMEOUT || cause === Causes.CONNECTION_ERROR) {
    return {
      title: text.noAnswerTitle(cause),
      detail: text.noAnswerDetail,
      parameter: undefined,
    };
  }
  return {
    title: text.failedTitle(cause),
    detail: text.failedDetail(answered),
    parameter: undefined,
  };
}
