import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswers } from '../stories/parties.js';
import { useStage } from '../stories/stage-context.js';
import { CallState } from '../stories/story-helpers.js';
import { SipLadder } from './sip-ladder.js';

function StageLadder() {
  const { trace } = useStage();
  return (
    <>
      <CallState />
      <SipLadder trace={trace} />
    </>
  );
}

/**
 * The SIP messages of the current call as a ladder, from the trace given to the provider's
 * `logger`. Click an arrow for the raw message.
 */
const meta = {
  title: 'Diagnostics/SipLadder',
  component: SipLadder,
  parameters: { sip: { bots: [bobAnswers], script: [{ dial: 'bob' }] } },
  render: () => <StageLadder />,
} as Meta<typeof SipLadder>;

export default meta;
type Story = StoryObj<typeof meta>;

/** You call Bob, he rings for 1.5 s and answers. */
export const CallFlow: Story = {};

/** Bob is busy: 486 Busy Here, and the ACK that ends the INVITE transaction. */
export const Busy: Story = {
  parameters: {
    sip: {
      bots: [
        {
          ...bobAnswers,
          script: [{ do: 'await-call' }, { wait: 800 }, { do: 'decline', status: 486 }],
        },
      ],
      script: [{ dial: 'bob' }],
    },
  },
};

/** A call hung up by you: BYE and its 200. */
export const HungUp: Story = {
  parameters: {
    sip: {
      bots: [bobAnswers],
      script: [{ dial: 'bob' }, { await: 'confirmed' }, { wait: 1000 }, { do: 'hangup' }],
    },
  },
};

/** No call yet. */
export const Empty: Story = { parameters: { sip: { bots: [], script: [] } } };
