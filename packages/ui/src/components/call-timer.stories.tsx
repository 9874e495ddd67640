import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallTimer } from './call-timer.js';

/** How long the current call has lasted; the only part that ticks. */
const meta = {
  title: 'Parts/CallTimer',
  component: CallTimer,
  parameters: { sip: { bots: [bobAnswersAtOnce] } },
} satisfies Meta<typeof CallTimer>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No call: 0:00. */
export const Idle: Story = {};

/** In a call with Bob: ticks every second. */
export const Ticking: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
};

/** A custom format. */
export const Seconds: Story = {
  args: { format: (seconds) => `${seconds} s` },
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
};
