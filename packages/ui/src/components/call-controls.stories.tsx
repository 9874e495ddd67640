import type { Meta, StoryObj } from '@storybook/react-vite';
import { answerAfter } from '../stories/bot-script.js';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { MuteButton } from '../controls/mute-button.js';
import { DevicesButton, KeypadButton } from '../controls/panel-buttons.js';
import { CallControls } from './call-controls.js';
import { HangupButton } from './hangup-button.js';

const inCall = [{ dial: 'bob' }, { await: 'confirmed' }] as const;

/** Mute, hold, keypad, transfer and hang up for the current call, reflecting its state. */
const meta = {
  title: 'Parts/CallControls',
  component: CallControls,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: inCall } },
  render: (args) => (
    <>
      <CallState />
      <CallControls {...args} />
    </>
  ),
} satisfies Meta<typeof CallControls>;

export default meta;
type Story = StoryObj<typeof meta>;

/** In a call: everything enabled. Open the keypad to send DTMF, or transfer (Bob refuses). */
export const InCall: Story = {};

/** You put the call on hold: the button now says Resume. */
export const OnHold: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [...inCall, { do: 'hold' }] } },
};

/** Your microphone is muted. */
export const Muted: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [...inCall, { do: 'mute' }] } },
};

/** Bob put you on hold (his re-INVITE says sendonly): you can still mute or hang up. */
export const HeldByRemote: Story = {
  parameters: {
    sip: {
      bots: [
        {
          ...bobAnswersAtOnce,
          script: [
            ...answerAfter(0, 0).slice(0, 4),
            { wait: 300 },
            { do: 'hold' },
            { wait: 600_000 },
          ],
        },
      ],
      script: [{ dial: 'bob' }],
    },
  },
};

/** Calling: only Hang up (a CANCEL) makes sense yet. */
export const Calling: Story = {
  parameters: {
    sip: {
      bots: [{ ...bobAnswersAtOnce, script: [{ do: 'await-call' }, { wait: 600_000 }] }],
      script: [{ dial: 'bob' }],
    },
  },
};

/** Reordered and trimmed by name: Hang up first, then Mute; nothing else. */
export const Reordered: Story = {
  args: { controls: ['hangup', 'mute'] },
};

/** Your own row as children: the same controls, your order, your classes, plus Devices. */
export const CustomRow: Story = {
  render: (args) => (
    <>
      <CallState />
      <CallControls {...args}>
        <HangupButton data-sipkit-action="hangup" />
        <KeypadButton />
        <MuteButton className="my-mute" />
        <DevicesButton />
      </CallControls>
    </>
  ),
};
