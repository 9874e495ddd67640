import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { HangupButton } from './hangup-button.js';

/** Ends the current call, whatever its state; disabled without one. */
const meta = {
  title: 'Parts/HangupButton',
  component: HangupButton,
  parameters: { sip: { bots: [bobAnswersAtOnce] } },
  render: (args) => (
    <>
      <HangupButton {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof HangupButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No call: nothing to hang up. */
export const NoCall: Story = {};

/** In a call with Bob. */
export const InCall: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
};
