import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswers } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { CallButton } from './call-button.js';

/** Places a call to its `target`; disabled with nothing to call or no connection. */
const meta = {
  title: 'Parts/CallButton',
  component: CallButton,
  args: { target: 'bob' },
  parameters: { sip: { bots: [bobAnswers] } },
  render: (args) => (
    <>
      <CallButton {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof CallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Ready to call Bob (he answers after 1.5 s). */
export const Ready: Story = {};

/** Nothing to call yet. */
export const NoTarget: Story = { args: { target: '  ' } };

/** The phone is not started: no connection, so no calls. */
export const Offline: Story = { parameters: { sip: { bots: [], autoStart: false } } };
