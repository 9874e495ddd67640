import { useRegistration } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { registrationProblem } from '../internal/registration-problem.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<RegistrationProblemNotice>`. */
export type RegistrationProblemNoticeProps = Omit<ComponentPropsWithoutRef<'div'>, 'children'>;

/**
 * Says what stops the phone and what to change (`role="alert"`): a configuration error with the
 * parameter at fault (a bad `uri`, a socket built from a bad URL), no password, refused
 * credentials, a registrar's refusal with its status code, a server that cannot be reached.
 * Renders nothing while all is well. `data-sipkit-parameter` is the configuration key at fault,
 * when there is one, so an app can point at its own settings field.
 *
 * @example <RegistrationProblemNotice className="settings-hint" />
 */
export const RegistrationProblemNotice = forwardRef<HTMLDivElement, RegistrationProblemNoticeProps>(
  function RegistrationProblemNotice({ className, ...rest }, ref) {
    const problem = registrationProblem(useRegistration(), useMessages());
    if (problem === undefined) return null;
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
      </div>
    );
  },
);
