import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, waitFor, within } from 'storybook/test';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { TransferForm } from './transfer-form.js';

/** A blind transfer (REFER) of the current call, with how far the far end got. */
const meta = {
  title: 'Parts/TransferForm',
  component: TransferForm,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
} satisfies Meta<typeof TransferForm>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * In a call with Bob; his UA refuses transfers (603 Decline, RFC 3515 §2.4.2): the play function
 * transfers him to Carol and the form reports the failure with its status.
 */
export const Refused: Story = {
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const form = canvasElement.querySelector('form') as HTMLFormElement;
    const submit = canvas.getByRole('button', { name: 'Transfer call' });
    await fireEvent.change(canvas.getByLabelText('Transfer to'), { target: { value: 'carol' } });
    await waitFor(() => expect(submit).toBeEnabled(), { timeout: 10_000 });
    await fireEvent.click(submit);
    await waitFor(() => expect(form).toHaveAttribute('data-sipkit-state', 'failed'), {
      timeout: 10_000,
    });
    await expect(canvas.getByRole('status')).toHaveTextContent('Transfer failed (603)');
  },
};
