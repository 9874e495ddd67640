import { useRegistration, useSipActions, useSipStore } from '@sipkit/react';
import { forwardRef, useState, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { registrationProblem } from '../internal/registration-problem.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<RegistrationProblemNotice>`. */
export interface RegistrationProblemNoticeProps extends Omit<
  ComponentPropsWithoutRef<'div'>,
  'children'
> {
  /**
   * Shows "Edit account" where the settings are the likely fix; called with the configuration
   * key at fault (`password`, `sockets`, `uri`...) so the app can open its settings at that field.
   */
  readonly onEditAccount?: (parameter: string | undefined) => void;
}

/**
 * Says what stops the phone and what to do next (`role="alert"`): a configuration error with the
 * parameter at fault (a bad `uri`, a socket built from a bad URL), no password, refused
 * credentials, a registrar's refusal with its status code, a server that cannot be reached (its
 * URL and how the connection ended). "Retry now" reconnects or registers again at once instead of
 * waiting for the backoff (not offered while a call is live: a reconnect would end it);
 * "Edit account" (with `onEditAccount`) leads to the settings. Renders nothing while all is well.
 * `data-sipkit-parameter` is the configuration key at fault, when there is one.
 *
 * @example <RegistrationProblemNotice onEditAccount={(key) => openSettings(key)} />
 */
export const RegistrationProblemNotice = forwardRef<HTMLDivElement, RegistrationProblemNoticeProps>(
  function RegistrationProblemNotice({ onEditAccount, className, ...rest }, ref) {
    const messages = useMessages();
    const problem = registrationProblem(useRegistration(), messages);
    const actions = useSipActions();
    const inCall = useSipStore((s) =>
      s.callOrder.some((id) => s.calls[id] !== undefined && s.calls[id].status !== 'terminated'),
    );
    const [retrying, setRetrying] = useState(false);
    if (problem === undefined) return null;
    const retry = (): void => {
      if (problem.retry === 'registration') return actions.register();
      // No public "connect now" in the UA: a fresh start skips the reconnection backoff.
      setRetrying(true);
      void actions
        .stop()
        .then(() => actions.start())
        .finally(() => setRetrying(false));
    };
    const canRetry =
      problem.retry === 'registration' || (problem.retry === 'connection' && !inCall);
    const canEdit = problem.editAccount && onEditAccount !== undefined;
    return (
      <div
        ref={ref}
        role="alert"
        className={classNames('sk-problem', className)}
        data-sipkit-parameter={problem.parameter}
        {...rest}
      >
        <p className="sk-problem-title">{problem.title}</p>
        <p className="sk-problem-detail">{problem.detail}</p>
        {canRetry || canEdit ? (
          <div className="sk-problem-actions">
            {canRetry ? (
              <button
                type="button"
                className="sk-button"
                data-sipkit-action="retry"
                disabled={retrying}
                onClick={retry}
              >
                {retrying ? messages.problem.retrying : messages.problem.retry}
              </button>
            ) : null}
            {canEdit ? (
              <button
                type="button"
                className="sk-button"
                data-sipkit-action="edit-account"
                onClick={() => onEditAccount(problem.parameter)}
              >
                {messages.problem.editAccount}
              </button>
            ) : null}
          </div>
        ) : null}
      </div>
    );
  },
);
