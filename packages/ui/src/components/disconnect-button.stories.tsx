import type { Meta, StoryObj } from '@storybook/react-vite';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { CallState, useDisconnects } from '../stories/story-helpers.js';
import { DisconnectButton } from './disconnect-button.js';

function DisconnectStory() {
  const [disconnects, disconnect] = useDisconnects();
  return (
    <>
      <DisconnectButton onDisconnect={disconnect} />
      <CallState />
      {disconnects}
    </>
  );
}

/**
 * "Disconnect": at once when idle; during a call it asks first, since disconnecting ends the
 * call ("Keep call" is focused, Escape keeps it too).
 */
const meta = {
  title: 'Parts/DisconnectButton',
  component: DisconnectButton,
  args: { onDisconnect: () => undefined },
  parameters: { sip: { bots: [] } },
  render: () => <DisconnectStory />,
} satisfies Meta<typeof DisconnectButton>;

export default meta;
type Story = StoryObj<typeof meta>;

/** No call: Disconnect disconnects at once. */
export const Idle: Story = {};

/** In a call with Bob: Disconnect asks "Disconnecting ends your call with bob." first. */
export const InCall: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
};
