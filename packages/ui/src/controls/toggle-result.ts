/**
 * The props a control's hook hands to its `<button>`: spread them, add your own class or text.
 * `data-sipkit-state` is `on` while the toggle is pressed (muted, held, camera on, panel open).
 *
 * @example const { buttonProps, label } = useMuteToggle(); <button {...buttonProps}>{label}</button>
 */
export interface ControlButtonProps {
  readonly type: 'button';
  readonly className: string;
  readonly disabled: boolean;
  readonly onClick: () => void;
  readonly 'aria-expanded'?: boolean;
  readonly 'aria-controls'?: string;
  readonly 'data-sipkit-variant': 'toggle';
  readonly 'data-sipkit-action': string;
  readonly 'data-sipkit-state': 'on' | 'off';
  readonly 'data-sipkit-pending'?: '';
}

/**
 * What every control hook returns (LiveKit's `useTrackToggle` shape): whether it is pressed,
 * how to toggle it, whether it can be used now, its accessible name (what a press will do, in
 * the language of `useMessages()`), and ready-made props for a `<button>`.
 *
 * @example const { pressed, toggle, disabled } = useHoldToggle(callId);
 */
export interface ControlToggle {
  readonly pressed: boolean;
  readonly toggle: () => void;
  readonly disabled: boolean;
  /** The button's name: says what a press does ("Mute" while unmuted, "Unmute" while muted). */
  readonly label: string;
  readonly buttonProps: ControlButtonProps;
}

/** Builds the common result; `extra` adds the panel's ARIA or the pending mark. */
export function controlToggle(
  action: string,
  pressed: boolean,
  disabled: boolean,
  label: string,
  toggle: () => void,
  extra: Partial<ControlButtonProps> = {},
): ControlToggle {
  return {
    pressed,
    toggle,
    disabled,
    label,
    buttonProps: {
      type: 'button',
      className: 'sk-button',
      disabled,
      onClick: toggle,
      'data-sipkit-variant': 'toggle',
      'data-sipkit-action': action,
      'data-sipkit-state': pressed ? 'on' : 'off',
      ...extra,
    },
  };
}
