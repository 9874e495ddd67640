import { forwardRef, type ReactNode } from 'react';
import { DeviceSelector } from '../components/device-selector.js';
import { Dialpad } from '../components/dialpad.js';
import { TransferForm } from '../components/transfer-form.js';
import { useControlCallId, useControlContext } from './control-context.js';
import { ControlButton, type ControlProps } from './control-button.js';
import {
  useDevicesToggle,
  useKeypadToggle,
  useTransferToggle,
  type PanelToggle,
} from './use-panel-toggle.js';

/** Props of `<KeypadButton>`, `<TransferButton>` and `<DevicesButton>`. */
export type PanelButtonProps = ControlProps;

/**
 * The panel of a control outside `<CallControls>`, right after its button; inside, the
 * controls show it under their row (one open at a time), so the button shows none.
 */
function useOwnPanel(toggle: PanelToggle, panel: (id: string) => ReactNode): ReactNode {
  const inControls = useControlContext() !== undefined;
  return !inControls && toggle.pressed ? panel(toggle.panelId) : null;
}

/**
 * "Keypad": opens a `<Dialpad>` that sends DTMF (RFC 4733), in a confirmed call.
 * `aria-expanded` says whether it is open. Alone it shows the pad after itself; `useKeypadToggle`
 * gives the same for your own markup.
 *
 * @example <KeypadButton />
 */
export const KeypadButton = forwardRef<HTMLButtonElement, PanelButtonProps>(function KeypadButton(
  { callId, ...rest },
  ref,
) {
  const id = useControlCallId(callId);
  const toggle = useKeypadToggle(callId);
  const after = useOwnPanel(toggle, (panelId) => (
    <Dialpad id={panelId} {...(id === undefined ? {} : { callId: id })} />
  ));
  return <ControlButton ref={ref} control={toggle} after={after} {...rest} />;
});

/**
 * "Transfer": opens a `<TransferForm>` (blind transfer, RFC 3515), in a confirmed call. Alone it
 * shows the form after itself; `useTransferToggle` gives the same for your own markup.
 *
 * @example <TransferButton />
 */
export const TransferButton = forwardRef<HTMLButtonElement, PanelButtonProps>(
  function TransferButton({ callId, ...rest }, ref) {
    const id = useControlCallId(callId);
    const toggle = useTransferToggle(callId);
    const after = useOwnPanel(toggle, (panelId) => (
      <TransferForm id={panelId} {...(id === undefined ? {} : { callId: id })} />
    ));
    return <ControlButton ref={ref} control={toggle} after={after} {...rest} />;
  },
);

/**
 * "Devices": opens the microphone, camera and speaker menus (`<DeviceSelector>`), at any time.
 * Alone it shows them after itself; `useDevicesToggle` gives the same for your own markup.
 *
 * @example <DevicesButton />
 */
export const DevicesButton = forwardRef<HTMLButtonElement, PanelButtonProps>(function DevicesButton(
  { callId, ...rest },
  ref,
) {
  const toggle = useDevicesToggle(callId);
  const after = useOwnPanel(toggle, (panelId) => <DeviceSelector id={panelId} />);
  return <ControlButton ref={ref} control={toggle} after={after} {...rest} />;
});
