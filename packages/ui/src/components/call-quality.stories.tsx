import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallQuality } from './call-quality.js';

/** Bitrate, loss, jitter and round trip of the current call, sampled every second. */
const meta = {
  title: 'Diagnostics/CallQuality',
  component: CallQuality,
  parameters: {
    sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }], varyingStats: true },
  },
} satisfies Meta<typeof CallQuality>;

export default meta;
type Story = StoryObj<typeof meta>;

/** In a call whose (fake) media statistics wander like a real call's. */
export const Live: Story = {};

/** No call: nothing measured. */
export const Idle: Story = { parameters: { sip: { bots: [], script: [] } } };

/** In a call that never had audio (nothing received, nothing measured): not called good. */
export const NoAudio: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }], noAudio: true } },
};
