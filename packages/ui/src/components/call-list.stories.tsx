import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce, carolAnswersAtOnce } from '../stories/parties.js';
import { CallList } from './call-list.js';

/** The calls in progress; switch between them (the other one goes on hold). */
const meta = {
  title: 'Parts/CallList',
  component: CallList,
  parameters: {
    sip: {
      bots: [bobAnswersAtOnce, carolAnswersAtOnce],
      script: [{ dial: 'bob' }, { await: 'confirmed' }, { do: 'hold' }, { dial: 'carol' }],
    },
  },
} satisfies Meta<typeof CallList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Bob on hold, talking to Carol. */
export const TwoCalls: Story = {};

/** One call: the list shows it, with nothing to switch to. */
export const OneCall: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
};
