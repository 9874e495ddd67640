import type { Meta, StoryObj } from '@storybook/react-vite';
import { PresencePeers } from '../stories/presence-peers.js';
import { VoicemailIndicator } from './voicemail-indicator.js';

/** The message-waiting lamp (RFC 3842), subscribed to a voicemail server. */
const meta = {
  title: 'Parts/VoicemailIndicator',
  component: VoicemailIndicator,
  parameters: { sip: {} },
  args: { account: 'sip:vm@sip.test' },
} satisfies Meta<typeof VoicemailIndicator>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Two new messages and five old ones. */
export const Waiting: Story = {
  decorators: [
    (Story) => (
      <PresencePeers peers={[{ user: 'vm', mailbox: { new: 2, old: 5 } }]}>
        <Story />
      </PresencePeers>
    ),
  ],
};

/** An empty mailbox. */
export const Empty: Story = {
  decorators: [
    (Story) => (
      <PresencePeers peers={[{ user: 'vm', mailbox: { new: 0, old: 0 } }]}>
        <Story />
      </PresencePeers>
    ),
  ],
};
