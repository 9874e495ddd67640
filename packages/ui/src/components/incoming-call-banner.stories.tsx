import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  bobAnswersAtOnce,
  bobCalls,
  carolCallsLater,
  longNameCalls,
  rtlCalls,
} from '../stories/parties.js';
import { storyAudio } from '../stories/fake-audio.js';
import { beepRingtone } from '../stories/ringtone.js';
import { CallState } from '../stories/story-helpers.js';
import { IncomingCallBanner } from './incoming-call-banner.js';

/**
 * The call that rings, with Answer, Decline and Silence. It rings a generated tone (here on a
 * fake Web Audio context, so tests can read it), one beep during call waiting.
 */
const meta = {
  title: 'Parts/IncomingCallBanner',
  component: IncomingCallBanner,
  parameters: { sip: { bots: [bobCalls] } },
  args: { audioContext: storyAudio.allowed.factory },
  render: (args) => (
    <>
      <IncomingCallBanner {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof IncomingCallBanner>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Bob calls; the banner rings the default tone until answered, declined or silenced. */
export const Ringing: Story = {};

/** The app's own sound (a URL; an `<audio>` element works too) instead of the generated tone. */
export const CustomRingtone: Story = { args: { ringtone: beepRingtone() } };

/** The browser blocks sound before the first click: "Enable sound" starts it. */
export const SoundBlocked: Story = { args: { audioContext: storyAudio.blocked.factory } };

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
