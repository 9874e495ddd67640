import { useCall } from '@sipkit/react';
import {
  forwardRef,
  useId,
  useMemo,
  useState,
  type ComponentPropsWithoutRef,
  type ReactNode,
} from 'react';
import { CameraButton } from '../controls/camera-button.js';
import { ControlContext, type ControlPanel } from '../controls/control-context.js';
import { HoldButton } from '../controls/hold-button.js';
import { MuteButton } from '../controls/mute-button.js';
import { DevicesButton, KeypadButton, TransferButton } from '../controls/panel-buttons.js';
import { hasVideo } from '../controls/use-camera-toggle.js';
import { callDataState } from '../internal/call-label.js';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';
import { DeviceSelector } from './device-selector.js';
import { Dialpad } from './dialpad.js';
import { HangupButton } from './hangup-button.js';
import { TransferForm } from './transfer-form.js';

/** The controls `<CallControls controls={…}>` can show, by name. */
export type CallControlName =
  'mute' | 'hold' | 'video' | 'keypad' | 'transfer' | 'devices' | 'hangup';

/** Props of `<CallControls>`. */
export interface CallControlsProps extends Omit<ComponentPropsWithoutRef<'div'>, 'children'> {
  /** The call; default the current one. The controls inside act on it. */
  readonly callId?: string;
  /**
   * Which controls to show, in order. Default: mute, hold, video (for a call with our video),
   * keypad, transfer, hang up. Ignored when `children` are given.
   */
  readonly controls?: readonly CallControlName[];
  /** Your own row: any of `<MuteButton>`, `<HoldButton>`, `<CameraButton>`, `<KeypadButton>`,
   * `<TransferButton>`, `<DevicesButton>`, `<HangupButton>`, or your own buttons, in any order. */
  readonly children?: ReactNode;
}

const CONTROLS: Record<CallControlName, () => ReactNode> = {
  mute: () => <MuteButton key="mute" />,
  hold: () => <HoldButton key="hold" />,
  video: () => <CameraButton key="video" />,
  keypad: () => <KeypadButton key="keypad" />,
  transfer: () => <TransferButton key="transfer" />,
  devices: () => <DevicesButton key="devices" />,
  hangup: () => <HangupButton key="hangup" data-sipkit-action="hangup" />,
};

/**
 * The controls of a call, composed from the single controls (each usable alone, each over a
 * public hook: `useMuteToggle`, `useHoldToggle`, `useCameraToggle`, `useKeypadToggle`,
 * `useTransferToggle`, `useDevicesToggle`). Reorder or hide them with `controls`, or give your
 * own row as children; the controls inside act on `callId`, and the panel one of them opens
 * (keypad, transfer form, devices) shows under the row, one at a time. Names say what a press
 * does, so they change with the state. The group has `data-sipkit-state` (the call's status,
 * `held` on hold), `data-sipkit-muted`, `data-sipkit-held`.
 *
 * @example
 * <CallControls controls={['mute', 'hangup']} />
 * <CallControls><HangupButton /><MuteButton className="big" /></CallControls>
 */
export const CallControls = forwardRef<HTMLDivElement, CallControlsProps>(function CallControls(
  { callId, controls, children, className, ...rest },
  ref,
) {
  const { state } = useCall(callId);
  const messages = useMessages();
  const [panel, setPanel] = useState<ControlPanel | undefined>(undefined);
  const panelId = useId();
  const context = useMemo(() => ({ callId, panel, setPanel, panelId }), [callId, panel, panelId]);
  const confirmed = state?.status === 'confirmed';
  const muted = state?.muted.audio ?? false;
  const held = state?.hold.local ?? false;
  const shown =
    controls ??
    (hasVideo(state?.localStream)
      ? (['mute', 'hold', 'video', 'keypad', 'transfer', 'hangup'] as const)
      : (['mute', 'hold', 'keypad', 'transfer', 'hangup'] as const));
  const ids = callId === undefined ? {} : { callId };
  return (
    <ControlContext.Provider value={context}>
      <div
        ref={ref}
        role="group"
        aria-label={messages.controls.group}
        className={classNames('sk-controls', className)}
        data-sipkit-state={callDataState(state)}
        data-sipkit-muted={muted ? '' : undefined}
        data-sipkit-held={held ? '' : undefined}
        {...rest}
      >
        <div className="sk-controls-row">{children ?? shown.map((name) => CONTROLS[name]())}</div>
        {confirmed && panel === 'keypad' ? <Dialpad id={panelId} {...ids} /> : null}
        {confirmed && panel === 'transfer' ? <TransferForm id={panelId} {...ids} /> : null}
        {panel === 'devices' ? <DeviceSelector id={panelId} /> : null}
      </div>
    </ControlContext.Provider>
  );
});
