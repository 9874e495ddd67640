import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, waitFor, within } from 'storybook/test';
import { bobAnswers } from '../stories/parties.js';
import { CallState } from '../stories/story-helpers.js';
import { DialInput } from './dial-input.js';

/** Type or paste a number or SIP address; Enter calls. Try pasting `+1 (555) 010-9999`. */
const meta = {
  title: 'Parts/DialInput',
  component: DialInput,
  parameters: { sip: { bots: [bobAnswers] } },
  render: (args) => (
    <>
      <DialInput {...args} />
      <CallState />
    </>
  ),
} satisfies Meta<typeof DialInput>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Empty: type `bob` and press Enter. */
export const Empty: Story = {};

/** Pre-filled with a pasted-looking phone number (cleaned up on paste, and before calling). */
export const PhoneNumber: Story = { args: { defaultValue: '+1 (555) 010-9999' } };

/**
 * A target the UA cannot make a SIP URI of: Enter shows why, under the field (`role="alert"`),
 * and marks the field invalid.
 */
export const InvalidTarget: Story = {
  args: { defaultValue: 'not a sip address' },
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const field = canvas.getByLabelText('Number or SIP address');
    // Enter once the phone is registered: before, the refusal would be "not running" instead.
    await waitFor(
      async () => {
        await fireEvent.keyDown(field, { key: 'Enter' });
        await expect(canvas.getByRole('alert')).toHaveTextContent(/Invalid target/);
      },
      { timeout: 10_000 },
    );
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(field.parentElement).toHaveAttribute('data-sipkit-state', 'invalid');
    await expect(canvas.getByTestId('call-state')).toHaveTextContent('No call');
  },
};
