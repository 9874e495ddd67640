import type { Meta, StoryObj } from '@storybook/react-vite';
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

/** In a call with Bob; his UA refuses transfers (603), so the form reports a failure. */
export const Refused: Story = {};
