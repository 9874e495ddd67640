import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce, longNameCalls } from '../stories/parties.js';
import { CallPanel } from './call-panel.js';

/** One call at a glance: who, its state (a live region), how long, and its controls. */
const meta = {
  title: 'Parts/CallPanel',
  component: CallPanel,
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
} satisfies Meta<typeof CallPanel>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Talking to Bob. */
export const InCall: Story = {};

/** The call ended (you hung up after two seconds): its cause stays, the controls go. */
export const Ended: Story = {
  parameters: {
    sip: {
      bots: [bobAnswersAtOnce],
      script: [{ dial: 'bob' }, { await: 'confirmed' }, { wait: 2000 }, { do: 'hangup' }],
    },
  },
};

/**
 * Carol has an account but her phone is off (not registered): the proxy answers 480 Temporarily
 * Unavailable (RFC 3261 §21.4.18), and the call ends as "Unavailable".
 */
export const Unavailable: Story = {
  parameters: {
    sip: {
      server: { users: { you: 'secret', carol: 'secret' } },
      you: { password: 'secret' },
      bots: [],
      script: [{ dial: 'carol' }],
    },
  },
};

/**
 * A caller with a very long display name, answered: it takes two lines at most, then "…"; the
 * whole name is in its tooltip (`title`).
 */
export const LongName: Story = {
  parameters: {
    sip: { bots: [longNameCalls], script: [{ await: 'ringing' }, { do: 'answer' }] },
  },
  decorators: [
    (Story) => (
      <div style={{ maxWidth: 320 }}>
        <Story />
      </div>
    ),
  ],
};
