import type { Meta, StoryObj } from '@storybook/react-vite';
import { CallState } from '../stories/story-helpers.js';
import { bobAnswers } from '../stories/parties.js';
import { CallButton } from './call-button.js';
import { RegistrationBadge } from './registration-badge.js';

/**
 * Places a call to its `target`; disabled with nothing to call or no connection. Each story
 * shows the connection (badge), the target, the button and the call it placed, so the three
 * states read apart at a glance.
 */
const meta = {
  title: 'Parts/CallButton',
  component: CallButton,
  args: { target: 'bob' },
  parameters: { sip: { bots: [bobAnswers] } },
  render: (args) => (
    <>
      <RegistrationBadge />
      <p className="sk-story-note" data-testid="target">
        {args.target.trim() === '' ? 'Nothing typed to call' : `Calls “${args.target}”`}
      </p>
      <CallButton {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof CallButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Registered, with Bob to call: enabled; press it and Bob answers after 1.5 s. */
export const Ready: Story = {};

/** Registered, but nothing typed: disabled, although the phone could call. */
export const NoTarget: Story = { args: { target: '  ' } };

/** Bob to call, but the phone is not started (no connection): disabled, "Offline". */
export const Offline: Story = { parameters: { sip: { bots: [], autoStart: false } } };
