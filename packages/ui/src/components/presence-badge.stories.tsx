import type { Meta, StoryObj } from '@storybook/react-vite';
import { PresencePeers, type PresencePeer } from '../stories/presence-peers.js';
import { PresenceBadge } from './presence-badge.js';

/** A contact's presence (RFC 3856), subscribed over the in-memory network. */
const meta = {
  title: 'Parts/PresenceBadge',
  component: PresenceBadge,
  parameters: { sip: {} },
  args: { uri: 'sip:bob@sip.test' },
} satisfies Meta<typeof PresenceBadge>;

export default meta;
type Story = StoryObj<typeof meta>;

const withPeer = (peer: PresencePeer): NonNullable<Story['decorators']> => [
  (Story) => (
    <PresencePeers peers={[peer]}>
      <Story />
    </PresencePeers>
  ),
];

/** Bob is open for calls. */
export const Available: Story = { decorators: withPeer({ user: 'bob' }) };

/** Bob is in a call (RPID `on-the-phone`) and says so. */
export const OnThePhone: Story = {
  decorators: withPeer({
    user: 'bob',
    presence: { open: true, activities: ['on-the-phone'], note: 'with a customer' },
  }),
};

/** Bob is away (RPID `away`). */
export const Away: Story = {
  decorators: withPeer({ user: 'bob', presence: { open: true, activities: ['away'] } }),
};

/** Bob's only tuple is closed. */
export const Offline: Story = {
  decorators: withPeer({ user: 'bob', presence: { open: false } }),
};

/** Nobody serves carol's presence: the SUBSCRIBE fails and the badge says so. */
export const Unavailable: Story = { args: { uri: 'sip:carol@sip.test' } };
