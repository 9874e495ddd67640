import { useRegistration, type UseRegistrationResult } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { registrationProblem } from '../internal/registration-problem.js';
import { truncateText } from '../internal/truncate-text.js';

/** Props of `<RegistrationBadge>`. */
export type RegistrationBadgeProps = Omit<ComponentPropsWithoutRef<'p'>, 'children'>;

/**
 * Registration and connection status as a live region (`role="status"`): "Registered",
 * "Connecting…", "Registration failed: Authentication Error (403 Forbidden)", "Cannot start:
 * check “sockets”"... `data-state` is the registration status (`unregistered`, `registering`,
 * `registered`, `failed`) or `error` when the provider runs no UA, `data-connection` the
 * socket's, `data-sipkit-parameter` the configuration key at fault; the text's `title` says what
 * to change.
 * `<RegistrationProblemNotice>` shows that advice in full.
 *
 * @example <RegistrationBadge className="header-badge" />
 */
export const RegistrationBadge = forwardRef<HTMLParagraphElement, RegistrationBadgeProps>(
  function RegistrationBadge({ className, ...rest }, ref) {
    const registration = useRegistration();
    const problem = registrationProblem(registration);
    return (
      <p
        ref={ref}
        role="status"
        className={classNames('sk-badge', className)}
        data-state={registration.error === undefined ? registration.status : 'error'}
        data-connection={registration.connection}
        data-sipkit-parameter={problem?.parameter}
        {...rest}
      >
        <span className="sk-badge-dot" aria-hidden="true" />
        <span className="sk-badge-text" title={problem?.detail}>
          {registrationText(registration)}
        </span>
      </p>
    );
  },
);

/**
 * The badge's sentence for a registration state. The fields after `connection` are optional, so
 * a plain `{ status, cause, connection }` still works.
 *
 * @example registrationText({ status: 'failed', cause: 'Authentication Error', connection: 'connected', statusCode: 403, reasonPhrase: 'Forbidden' })
 */
export function registrationText(
  registration: Pick<UseRegistrationResult, 'status' | 'cause' | 'connection'> &
    Partial<Pick<UseRegistrationResult, 'statusCode' | 'reasonPhrase' | 'error'>>,
): string {
  const { status, cause, connection, statusCode, reasonPhrase, error } = registration;
  if (error !== undefined) {
    return error.parameter === undefined
      ? `Cannot start: ${error.name}`
      : `Cannot start: check “${error.parameter}”`;
  }
  if (status === 'failed') {
    const response = [statusCode, truncateText(reasonPhrase ?? '', 48)].filter(Boolean).join(' ');
    return `Registration failed: ${cause ?? 'unknown cause'}${response === '' ? '' : ` (${response})`}`;
  }
  if (status === 'registered') return 'Registered';
  if (connection === 'idle') return 'Offline';
  if (connection === 'connecting') return 'Connecting…';
  if (connection === 'disconnected') return 'Disconnected';
  if (status === 'registering') return 'Registering…';
  return cause === undefined ? 'Not registered' : `Not registered: ${cause}`;
}
