import { useRegistration, type UseRegistrationResult } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';

/** Props of `<RegistrationBadge>`. */
export type RegistrationBadgeProps = Omit<ComponentPropsWithoutRef<'p'>, 'children'>;

/**
 * Registration and connection status as a live region (`role="status"`): "Registered",
 * "Connecting…", "Registration failed: Authentication Error"... `data-state` is the registration
 * status (`unregistered`, `registering`, `registered`, `failed`), `data-connection` the socket's.
 *
 * @example <RegistrationBadge className="header-badge" />
 */
export const RegistrationBadge = forwardRef<HTMLParagraphElement, RegistrationBadgeProps>(
  function RegistrationBadge({ className, ...rest }, ref) {
    const registration = useRegistration();
    return (
      <p
        ref={ref}
        role="status"
        className={classNames('sk-badge', className)}
        data-state={registration.status}
        data-connection={registration.connection}
        {...rest}
      >
        <span className="sk-badge-dot" aria-hidden="true" />
        <span className="sk-badge-text">{registrationText(registration)}</span>
      </p>
    );
  },
);

/**
 * The badge's sentence for a registration state.
 *
 * @example registrationText({ status: 'failed', cause: 'Authentication Error', connection: 'connected' })
 */
export function registrationText(
  registration: Pick<UseRegistrationResult, 'status' | 'cause' | 'connection'>,
): string {
  const { status, cause, connection } = registration;
  if (status === 'failed') return `Registration failed: ${cause ?? 'unknown cause'}`;
  if (status === 'registered') return 'Registered';
  if (connection === 'idle') return 'Offline';
  if (connection === 'connecting') return 'Connecting…';
  if (connection === 'disconnected') return 'Disconnected';
  if (status === 'registering') return 'Registering…';
  return cause === undefined ? 'Not registered' : `Not registered: ${cause}`;
}
