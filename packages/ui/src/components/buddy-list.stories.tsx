import type { Meta, StoryObj } from '@storybook/react-vite';
import { PresencePeers } from '../stories/presence-peers.js';
import { BuddyList } from './buddy-list.js';

const peers = [
  { user: 'bob', presence: { open: true } },
  { user: 'carol', lamp: 'busy', presence: { open: true, activities: ['on-the-phone'] } },
  { user: 'dave', lamp: 'ringing', caller: 'Erin' },
] as const;

/** Contacts with presence, busy lamps (RFC 4235) and click-to-call. */
const meta = {
  title: 'Parts/BuddyList',
  component: BuddyList,
  parameters: { sip: {} },
  args: {
    buddies: [
      { uri: 'sip:bob@sip.test', name: 'Bob' },
      { uri: 'sip:carol@sip.test', name: 'Carol' },
      { uri: 'sip:dave@sip.test', name: 'Dave' },
    ],
  },
  decorators: [
    (Story) => (
      <PresencePeers peers={peers}>
        <Story />
      </PresencePeers>
    ),
  ],
} satisfies Meta<typeof BuddyList>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Bob idle and available, Carol in a call, Dave's phone ringing with a call from Erin. */
export const Colleagues: Story = {};

/** With `onPickup`, Dave's ringing row offers to pick the call up. */
export const WithPickup: Story = { args: { onPickup: () => undefined } };
