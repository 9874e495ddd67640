import { useRegistration, type UseRegistrationResult } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { registrationProblem } from '../internal/registration-problem.js';
import { truncateText } from '../internal/truncate-text.js';
import { defaultMessages } from '../messages/default-messages.js';
import { useMessages } from '../messages/messages-provider.js';
import type { RegistrationMessages } from '../messages/sipkit-messages.js';

/** Props of `<RegistrationBadge>`. */
export type RegistrationBadgeProps = Omit<ComponentPropsWithoutRef<'p'>, 'children'>;

/**
 * Registration and connection status as a live region (`role="status"`): "Registered",
 * "Connecting…", "Registration failed: Authentication Error (403 Forbidden)", "Cannot start:
 * check “sockets”"... `data-sipkit-state` is the registration status (`unregistered`, `registering`,
 * `registered`, `failed`) or `error` when the provider runs no UA, `data-sipkit-connection` the
 * socket's, `data-sipkit-parameter` the configuration key at fault; the text's `title` says what
 * to change.
 * `<RegistrationProblemNotice>` shows that advice in full.
 *
 * @example <RegistrationBadge className="header-badge" />
 */
export const RegistrationBadge = forwardRef<HTMLParagraphElement, RegistrationBadgeProps>(
  function RegistrationBadge({ className, ...rest }, ref) {
    const registration = useRegistration();
    const messages = useMessages();
    const problem = registrationProblem(registration, messages);
    return (
      <p
        ref={ref}
        role="status"
        className={classNames('sk-badge', className)}
        data-sipkit-state={registration.error === undefined ? registration.status : 'error'}
        data-sipkit-connection={registration.connection}
        data-sipkit-parameter={problem?.parameter}
        {...rest}
      >
        <span className="sk-badge-dot" aria-hidden="true" />
        <span className="sk-badge-text" title={problem?.detail}>
          {registrationText(registration, messages.registration)}
        </span>
      </p>
    );
  },
);

/**
 * The badge's sentence for a registration state, in the language of `messages`
 * (`useMessages().registration`; default English). The fields after `connection` are optional,
 * so a plain `{ status, cause, connection }` still works.
 *
 * @example registrationText({ status: 'failed', cause: 'Authentication Error', connection: 'connected', statusCode: 403, reasonPhrase: 'Forbidden' })
 */
export function registrationText(
  registration: Pick<UseRegistrationResult, 'status' | 'cause' | 'connection'> &
    Partial<Pick<UseRegistrationResult, 'statusCode' | 'reasonPhrase' | 'error'>>,
  messages: RegistrationMessages = defaultMessages.registration,
): string {
  const { status, cause, connection, statusCode, reasonPhrase, error } = registration;
  if (error !== undefined) {
    return error.parameter === undefined
      ? messages.cannotStart(error.name)
      : messages.cannotStartParameter(error.parameter);
  }
  if (status === 'failed') {
    const response = [statusCode, truncateText(reasonPhrase ?? '', 48)].filter(Boolean).join(' ');
    return messages.failed(cause, response);
  }
  if (status === 'registered') return messages.registered;
  if (connection === 'idle') return messages.offline;
  if (connection === 'connecting') return messages.connecting;
  if (connection === 'disconnected') return messages.disconnected;
  if (status === 'registering') return messages.registering;
  return messages.notRegistered(cause);
}
