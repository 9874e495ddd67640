import { createContext, useContext } from 'react';

/** The panels a control can open under the controls: one at a time. */
export type ControlPanel = 'keypad' | 'transfer' | 'devices';

/**
 * What `<CallControls>` shares with the controls inside it: the call they act on, and which
 * panel is open (so opening the keypad closes the transfer form, and the panel shows under the
 * row). Outside `<CallControls>` there is none: each control acts on its own `callId` (default the
 * current call) and keeps its own panel.
 */
export interface ControlContextValue {
  readonly callId: string | undefined;
  readonly panel: ControlPanel | undefined;
  readonly setPanel: (panel: ControlPanel | undefined) => void;
  /** The id of the panel's element, for the opening button's `aria-controls`. */
  readonly panelId: string;
}

export const ControlContext = createContext<ControlContextValue | undefined>(undefined);

/** The `<CallControls>` around a control, if any. */
export function useControlContext(): ControlContextValue | undefined {
  return useContext(ControlContext);
}

/** The call a control acts on: its own `callId`, else its `<CallControls>`'s, else the current. */
export function useControlCallId(callId: string | undefined): string | undefined {
  const context = useContext(ControlContext);
  return callId ?? context?.callId;
}
