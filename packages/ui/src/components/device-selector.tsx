import { useMediaDevices, type MediaDevice } from '@sipkit/react';
import { forwardRef, useId, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { useMessages } from '../messages/messages-provider.js';

/** The kinds of device a `<DeviceSelector>` offers. */
export type DeviceKind = 'microphone' | 'camera' | 'speaker';

/** Props of `<DeviceSelector>`. */
export interface DeviceSelectorProps extends Omit<
  ComponentPropsWithoutRef<'fieldset'>,
  'children'
> {
  /** Which selects to show, in order; default all three. */
  readonly kinds?: readonly DeviceKind[];
  /** The legend; default `messages.devices.legend` ("Devices"). */
  readonly legend?: string;
}

/**
 * Microphone, camera and speaker menus, "System default" first. Microphone and camera apply to
 * calls placed or answered afterwards, the speaker at once. Until the page has media access the
 * browser hides device names: a button asks for access. The speaker menu is disabled where audio
 * cannot be routed (`data-sipkit-speaker="unsupported"`). `data-sipkit-state` is `ready`, `unnamed` (no
 * labels yet) or `unsupported`.
 *
 * @example <DeviceSelector kinds={['microphone', 'speaker']} />
 */
export const DeviceSelector = forwardRef<HTMLFieldSetElement, DeviceSelectorProps>(
  function DeviceSelector(
    { kinds = ['microphone', 'camera', 'speaker'], legend, className, ...rest },
    ref,
  ) {
    const devices = useMediaDevices();
    const { devices: text } = useMessages();
    const baseId = useId();
    const lists: Record<DeviceKind, readonly MediaDevice[]> = {
      microphone: devices.microphones,
      camera: devices.cameras,
      speaker: devices.speakers,
    };
    const chosen: Record<DeviceKind, string | undefined> = {
      microphone: devices.microphone,
      camera: devices.camera,
      speaker: devices.speaker,
    };
    const choose: Record<DeviceKind, (id: string | undefined) => void> = {
      microphone: devices.chooseMicrophone,
      camera: devices.chooseCamera,
      speaker: devices.chooseSpeaker,
    };
    const shown = kinds.flatMap((kind) => lists[kind]);
    const unnamed = shown.length > 0 && shown.every((device) => device.label === '');
    const state = !devices.supported ? 'unsupported' : unnamed ? 'unnamed' : 'ready';
    return (
      <fieldset
        ref={ref}
        className={classNames('sk-devices', className)}
        data-sipkit-state={state}
        data-sipkit-speaker={devices.canChooseSpeaker ? 'supported' : 'unsupported'}
        {...rest}
      >
        <legend className="sk-devices-legend">{legend ?? text.legend}</legend>
        {!devices.supported ? <p className="sk-devices-note">{text.unsupported}</p> : null}
        {kinds.map((kind) => {
          const id = `${baseId}-${kind}`;
          const speakerLocked = kind === 'speaker' && !devices.canChooseSpeaker;
          return (
            <div key={kind} className="sk-devices-field" data-sipkit-kind={kind}>
              <label htmlFor={id}>{text[kind]}</label>
              <select
                id={id}
                value={chosen[kind] ?? ''}
                disabled={!devices.supported || speakerLocked}
                onChange={(event) => choose[kind](event.target.value || undefined)}
              >
                <option value="">{text.systemDefault}</option>
                {lists[kind].map((device, index) => (
                  <option key={device.deviceId} value={device.deviceId}>
                    {device.label || text.unnamed(text[kind], index + 1)}
                  </option>
                ))}
              </select>
            </div>
          );
        })}
        {unnamed ? (
          <button
            type="button"
            className="sk-button"
            onClick={() => void devices.requestPermission({ audio: true })}
          >
            {text.showNames}
          </button>
        ) : null}
      </fieldset>
    );
  },
);
