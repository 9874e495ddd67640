import { useCall } from '@sipkit/react';
import { useId, useState } from 'react';
import { useMessages } from '../messages/messages-provider.js';
import { useControlContext, type ControlPanel } from './control-context.js';
import { controlToggle, type ControlToggle } from './toggle-result.js';

/** A control that opens a panel: the toggle, and the id to give the panel's element. */
export interface PanelToggle extends ControlToggle {
  /** Give it to the panel (`<Dialpad id={panelId}>`): the button's `aria-controls` names it. */
  readonly panelId: string;
}

function usePanelToggle(name: ControlPanel, needsCall: boolean, callId?: string): PanelToggle {
  const context = useControlContext();
  const { state } = useCall(callId ?? context?.callId);
  const { controls } = useMessages();
  const [own, setOwn] = useState(false);
  const ownId = useId();
  const open = context === undefined ? own : context.panel === name;
  const panelId = context?.panelId ?? ownId;
  // DTMF and REFER need a confirmed dialog (RFC 4733 §2.5, RFC 3515 §2.4.2); devices do not.
  const disabled = needsCall && state?.status !== 'confirmed';
  const toggle = (): void => {
    if (context === undefined) setOwn(!open);
    else context.setPanel(open ? undefined : name);
  };
  const result = controlToggle(name, open && !disabled, disabled, controls[name], toggle, {
    'aria-expanded': open && !disabled,
    ...(open && !disabled ? { 'aria-controls': panelId } : {}),
  });
  return { ...result, panelId };
}

/**
 * The keypad of a call (DTMF): pressed while its pad is open; usable in a confirmed call. Show
 * a `<Dialpad id={panelId}>` while `pressed`.
 *
 * @example
 * const keypad = useKeypadToggle();
 * <button {...keypad.buttonProps}>{keypad.label}</button>
 * {keypad.pressed ? <Dialpad id={keypad.panelId} /> : null}
 */
export function useKeypadToggle(callId?: string): PanelToggle {
  return usePanelToggle('keypad', true, callId);
}

/**
 * The blind-transfer form of a call: pressed while open; usable in a confirmed call. Show a
 * `<TransferForm id={panelId}>` while `pressed`.
 *
 * @example
 * const transfer = useTransferToggle();
 * {transfer.pressed ? <TransferForm id={transfer.panelId} /> : null}
 */
export function useTransferToggle(callId?: string): PanelToggle {
  return usePanelToggle('transfer', true, callId);
}

/**
 * The device menus (microphone, camera, speaker): pressed while open; always usable. Show a
 * `<DeviceSelector id={panelId}>` while `pressed`.
 *
 * @example
 * const devices = useDevicesToggle();
 * {devices.pressed ? <DeviceSelector id={devices.panelId} /> : null}
 */
export function useDevicesToggle(callId?: string): PanelToggle {
  return usePanelToggle('devices', false, callId);
}
