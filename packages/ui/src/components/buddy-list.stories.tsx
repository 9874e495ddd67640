import { useCall } from '@sipkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fireEvent, waitFor, within } from 'storybook/test';
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

/** The call a pickup placed: where it went (the caller) and how it stands. */
function PlacedCall() {
  const { state } = useCall();
  return state === undefined ? null : (
    <p data-testid="placed-call">{`${state.remoteIdentity.uri} ${state.status}`}</p>
  );
}

const ringingWithIds = [
  {
    user: 'dave',
    lamp: 'ringing',
    caller: 'Erin',
    dialogIds: { callId: 'erin-call@sip.test', local: 'dave-tag', remote: 'erin-tag' },
  },
] as const;

/**
 * Dave's server reports the ringing dialog's ids (RFC 4235), so his row offers the built-in
 * pickup: an INVITE with `Replaces` (RFC 3891) to the caller. The play function presses it.
 */
export const PickupByReplaces: Story = {
  args: { buddies: [{ uri: 'sip:dave@sip.test', name: 'Dave' }] },
  decorators: [
    (Story) => (
      <PresencePeers peers={ringingWithIds}>
        <Story />
        <PlacedCall />
      </PresencePeers>
    ),
  ],
  play: async ({ canvasElement }) => {
    const canvas = within(canvasElement);
    const pickup = await canvas.findByRole('button', { name: 'Pick up the call to Dave' });
    await waitFor(() => expect(pickup).toHaveProperty('disabled', false), { timeout: 10_000 });
    fireEvent.click(pickup);
  },
};
