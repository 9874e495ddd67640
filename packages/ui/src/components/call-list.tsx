import { useCalls, useSipActions, useSipStore, type CallState } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { callDataState, callLabel, isLive } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { partyName, partyTitle } from '../internal/party.js';
import { useMessages } from '../messages/messages-provider.js';

/** Props of `<CallList>`. */
export type CallListProps = Omit<ComponentPropsWithoutRef<'ul'>, 'children'>;

/**
 * The calls in progress (active and held; ringing incoming calls belong to the banner), with a
 * "Switch to" button on each call that is not the current one: it holds the current call,
 * resumes the chosen one and makes it current. Each item has `data-sipkit-state` (`held`, `confirmed`,
 * `ringing`...) and `data-sipkit-current`; the current one is `aria-current`. Renders nothing without
 * calls.
 *
 * @example <CallList className="calls" />
 */
export const CallList = forwardRef<HTMLUListElement, CallListProps>(function CallList(
  { className, ...rest },
  ref,
) {
  const calls = useCalls().filter(
    (call) => isLive(call) && !(call.direction === 'incoming' && call.status === 'ringing'),
  );
  const currentId = useSipStore((s) => s.currentCallId);
  const actions = useSipActions();
  const messages = useMessages();
  if (calls.length === 0) return null;

  const switchTo = async (call: CallState): Promise<void> => {
    const current = calls.find((other) => other.id === currentId);
    if (current?.status === 'confirmed' && !current.hold.local) await actions.hold(current.id);
    actions.setCurrentCall(call.id);
    if (call.hold.local) await actions.unhold(call.id);
  };

  return (
    <ul
      ref={ref}
      aria-label={messages.callList.label}
      className={classNames('sk-call-list', className)}
      {...rest}
    >
      {calls.map((call) => {
        const current = call.id === currentId;
        const name = partyName(call.remoteIdentity);
        const title = partyTitle(call.remoteIdentity);
        return (
          <li
            key={call.id}
            className="sk-call-list-item"
            data-sipkit-state={callDataState(call)}
            data-sipkit-current={current ? '' : undefined}
            aria-current={current ? 'true' : undefined}
          >
            <bdi className="sk-call-list-name" title={title}>
              {name}
            </bdi>
            <span className="sk-call-list-status">{callLabel(call, messages.call)}</span>
            {current ? null : (
              <button type="button" className="sk-button" onClick={() => void switchTo(call)}>
                {messages.callList.switchTo(<bdi>{name}</bdi>)}
              </button>
            )}
          </li>
        );
      })}
    </ul>
  );
});
