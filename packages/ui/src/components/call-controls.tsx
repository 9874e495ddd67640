import { useCall } from '@sipkit/react';
import { forwardRef, useId, useState, type ComponentPropsWithoutRef } from 'react';
import { callDataState } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { useShortcutOf } from '../keyboard/shortcuts-context.js';
import { useMessages } from '../messages/messages-provider.js';
import { Dialpad } from './dialpad.js';
import { HangupButton } from './hangup-button.js';
import { TransferForm } from './transfer-form.js';

/** Props of `<CallControls>`. */
export interface CallControlsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The call; default the current one. */
  readonly callId?: string;
}

type Panel = 'keypad' | 'transfer' | undefined;

/**
 * The buttons of a call: Mute/Unmute, Hold/Resume, Keypad (DTMF), Transfer and Hang up, each
 * enabled only when the call can do it. Names say what a button will do, so they change with
 * the state. The group has `data-state` (the call's status, `held` on hold), `data-muted`,
 * `data-held`; buttons have `data-action` and `data-pending` while a hold is being negotiated.
 *
 * @example <CallControls className="my-controls" />
 */
export const CallControls = forwardRef<HTMLDivElement, CallControlsProps>(function CallControls(
  { callId, className, ...rest },
  ref,
) {
  const call = useCall(callId);
  const { controls } = useMessages();
  const { state } = call;
  const [panel, setPanel] = useState<Panel>(undefined);
  const [holding, setHolding] = useState(false);
  const panelId = useId();
  const muteKeys = useShortcutOf('mute');
  const confirmed = state?.status === 'confirmed';
  const talking = confirmed || state?.status === 'answered';
  const muted = state?.muted.audio ?? false;
  const held = state?.hold.local ?? false;
  const toggle = (next: Panel): void => setPanel((open) => (open === next ? undefined : next));
  const changeHold = (): void => {
    setHolding(true);
    void (held ? call.unhold() : call.hold()).finally(() => setHolding(false));
  };

  return (
    <div
      ref={ref}
      role="group"
      aria-label={controls.group}
      className={classNames('sk-controls', className)}
      data-state={callDataState(state)}
      data-muted={muted ? '' : undefined}
      data-held={held ? '' : undefined}
      {...rest}
    >
      <div className="sk-controls-row">
        <button
          type="button"
          className="sk-button"
          data-variant="toggle"
          data-action="mute"
          data-state={muted ? 'on' : 'off'}
          aria-keyshortcuts={muteKeys}
          disabled={!talking}
          onClick={() => (muted ? call.unmute() : call.mute())}
        >
          {muted ? controls.unmute : controls.mute}
        </button>
        <button
          type="button"
          className="sk-button"
          data-variant="toggle"
          data-action="hold"
          data-state={held ? 'on' : 'off'}
          data-pending={holding ? '' : undefined}
          disabled={!confirmed || holding}
          onClick={changeHold}
        >
          {held ? controls.resume : controls.hold}
        </button>
        {(['keypad', 'transfer'] as const).map((name) => (
          <button
            key={name}
            type="button"
            className="sk-button"
            data-variant="toggle"
            data-action={name}
            data-state={panel === name ? 'on' : 'off'}
            aria-expanded={panel === name}
            aria-controls={panel === name ? panelId : undefined}
            disabled={!confirmed}
            onClick={() => toggle(name)}
          >
            {controls[name]}
          </button>
        ))}
        <HangupButton data-action="hangup" {...(callId === undefined ? {} : { callId })} />
      </div>
      {confirmed && panel === 'keypad' ? (
        <Dialpad id={panelId} autoFocus {...(callId === undefined ? {} : { callId })} />
      ) : null}
      {confirmed && panel === 'transfer' ? (
        <TransferForm id={panelId} {...(callId === undefined ? {} : { callId })} />
      ) : null}
    </div>
  );
});
