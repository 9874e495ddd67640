import { useCall } from '@sipkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { HangupButton } from '../components/hangup-button.js';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { CameraButton } from './camera-button.js';
import { HoldButton } from './hold-button.js';
import { MuteButton } from './mute-button.js';
import { KeypadButton, TransferButton } from './panel-buttons.js';
import { useHoldToggle } from './use-hold-toggle.js';
import { useMuteToggle } from './use-mute-toggle.js';

/** The controls alone, outside `<CallControls>`, in your own layout. */
function OwnLayout() {
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <CallState />
      <div style={{ display: 'flex', gap: 8 }}>
        <HangupButton />
        <MuteButton />
      </div>
      <HoldButton />
      <KeypadButton />
      <TransferButton />
    </div>
  );
}

/** Your own markup from the hooks: a switch-like pair, no kit buttons at all. */
function FromHooks() {
  const mute = useMuteToggle();
  const hold = useHoldToggle();
  const { state } = useCall();
  return (
    <div style={{ display: 'grid', gap: 8, justifyItems: 'start' }}>
      <CallState />
      <label>
        <input
          type="checkbox"
          checked={mute.pressed}
          disabled={mute.disabled}
          onChange={mute.toggle}
        />{' '}
        Microphone muted
      </label>
      <button {...hold.buttonProps} className="sk-button my-hold">
        {hold.pending ? 'Working…' : hold.label}
      </button>
      <p className="sk-story-note" data-testid="held">
        {state?.hold.local === true ? 'Bob is on hold' : 'Bob hears you'}
      </p>
    </div>
  );
}

/**
 * Mute, Hold, Keypad, Transfer, Video and Hang up, each usable on its own (each over a public
 * hook: `useMuteToggle`, `useHoldToggle`, `useKeypadToggle`, `useTransferToggle`,
 * `useCameraToggle`), in a call with Bob.
 */
const meta = {
  title: 'Parts/Single controls',
  component: MuteButton,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
} satisfies Meta<typeof MuteButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The kit's controls placed freely: a panel (keypad, transfer) opens right after its button. */
export const Standalone: Story = { render: () => <OwnLayout /> };

/** Built from the hooks alone: a checkbox for mute, your own hold button. */
export const Hooks: Story = { render: () => <FromHooks /> };

/** A video call: the camera control says "Stop video", then "Start video". */
export const Camera: Story = {
  parameters: {
    sip: { bots: [bobAnswersAtOnce], video: true, script: [{ dial: 'bob', video: true }] },
  },
  render: () => (
    <>
      <CallState />
      <CameraButton />
    </>
  ),
};

/** An audio call: there is no camera to stop, so the control is disabled. */
export const CameraInAudioCall: Story = {
  render: () => (
    <>
      <CallState />
      <CameraButton />
    </>
  ),
};
