import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  bobAnswersAtOnce,
  bobCalls,
  carolCallsLater,
  longNameCalls,
  rtlCalls,
} from '../stories/parties.js';
import { beepRingtone } from '../stories/ringtone.js';
import { CallState } from '../stories/story-helpers.js';
import { IncomingCallBanner } from './incoming-call-banner.js';

/** The call that rings, with Answer and Decline (and an optional looping ringtone). */
const meta = {
  title: 'Parts/IncomingCallBanner',
  component: IncomingCallBanner,
  parameters: { sip: { bots: [bobCalls] } },
  render: (args) => (
    <>
      <IncomingCallBanner {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof IncomingCallBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Bob calls; the banner rings a beep (browsers may wait for a click before playing sound). */
export const Ringing: Story = { args: { ringtone: beepRingtone() } };

/** A caller with a very long display name. */
export const LongName: Story = { parameters: { sip: { bots: [longNameCalls] } } };

/** An Arabic caller in a right-to-left page. */
export const RightToLeft: Story = {
  globals: { direction: 'rtl' },
  parameters: { sip: { bots: [rtlCalls] } },
};

/** Carol calls while you talk to Bob: answering holds Bob first. */
export const CallWaiting: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce, carolCallsLater], script: [{ dial: 'bob' }] } },
};
