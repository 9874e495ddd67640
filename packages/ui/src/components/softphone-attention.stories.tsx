import type { Meta, StoryObj } from '@storybook/react-vite';
import { useCall } from '@sipkit/react';
import { useState, type ReactNode } from 'react';
import { storyAudio } from '../stories/fake-audio.js';
import { device } from '../stories/fake-devices.js';
import { FakeMicrophonePermission } from '../stories/fake-permissions.js';
import { bobAnswers, bobCalls, carolCallsLater } from '../stories/parties.js';
import { useStage } from '../stories/stage-context.js';
import type { SipStoryParameters } from '../stories/with-sip-stage.js';
import { Softphone } from './softphone.js';

const sip = (parameters: SipStoryParameters) => ({ sip: parameters });
const microphone = device('audioinput', 'mic-1');

/**
 * `<Softphone>` as a person relies on it: ringing, focus and keys, a blocked microphone, errors
 * with a way forward. Use the keyboard only: a call rings, Alt+Shift+A answers, digits go out as
 * DTMF, Alt+Shift+H hangs up, and focus is always where the next action is.
 */
const meta = {
  title: 'Attention/Softphone',
  component: Softphone,
  parameters: sip({ bots: [bobCalls], devices: [microphone] }),
  args: { audioContext: storyAudio.allowed.factory },
} satisfies Meta<typeof Softphone>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The last DTMF tone of the current call, for the keyboard story's check. */
function LastTone(): ReactNode {
  const tone = useCall().state?.lastDtmf?.tone;
  return (
    <p className="sk-story-note" data-testid="last-tone">
      {tone === undefined ? 'No tone sent' : `Sent ${tone}`}
    </p>
  );
}

/**
 * Bob calls: focus is on Answer (Alt+Shift+A answers from anywhere), then on Hang up; typed
 * digits go out as DTMF; Alt+Shift+H hangs up and focus returns to the dial field.
 */
export const KeyboardOnly: Story = {
  render: (args) => (
    <>
      <Softphone {...args} />
      <LastTone />
    </>
  ),
};

/** The browser blocks sound until the page is clicked: the banner offers "Enable sound". */
export const RingingSoundBlocked: Story = {
  args: { audioContext: storyAudio.blocked.factory },
};

/** You call Bob: the ringback plays while his phone rings, and stops when he answers. */
export const Ringback: Story = {
  parameters: sip({ bots: [bobAnswers], devices: [microphone], script: [{ dial: 'bob' }] }),
};

/**
 * Opt-in notifications: "Notify me of calls in the background" asks for permission; then a call
 * that rings while the tab is hidden shows a notification, and the tab title says who calls.
 */
export const BackgroundCall: Story = {
  args: { notifications: true },
  parameters: sip({ bots: [carolCallsLater], devices: [microphone] }),
};

/**
 * The microphone is blocked in the site settings: you are told before dialling, Call stays
 * off, and Bob's call is answered receive-only instead of failing.
 */
export const MicrophoneDenied: Story = {
  render: (args) => (
    <FakeMicrophonePermission state="denied">
      <Softphone {...args} />
    </FakeMicrophonePermission>
  ),
};

/** No microphone is connected: the notice says to connect one, then "Check again". */
export const NoMicrophone: Story = {
  parameters: sip({ bots: [], devices: [device('audiooutput', 'speaker-1')] }),
};

/** The app's settings, as "Edit account" opens them (counted for the test). */
function WithEditAccount(props: Parameters<typeof Softphone>[0]): ReactNode {
  const [opened, setOpened] = useState<string[]>([]);
  return (
    <>
      <Softphone
        {...props}
        onEditAccount={(parameter) => setOpened((list) => [...list, parameter ?? ''])}
      />
      <p className="sk-story-note" data-testid="edit-account">
        {opened.length === 0 ? 'Settings closed' : `Settings opened at ${opened.join(', ')}`}
      </p>
    </>
  );
}

/** A wrong password: "check password", Call disabled, "Edit account" and "Retry now". */
export const WrongPassword: Story = {
  parameters: sip({
    server: { users: { you: 'right' } },
    you: { password: 'wrong' },
    bots: [],
    devices: [microphone],
  }),
  render: (args) => <WithEditAccount {...args} />,
};

/** Brings the story's SIP server down and up again, as a crash and a restart would. */
function ServerControls(): ReactNode {
  const stage = useStage();
  return (
    <p className="sk-story-note">
      <button type="button" onClick={() => stage.network.crash()}>
        Crash the server
      </button>{' '}
      <button type="button" onClick={() => stage.network.restart()}>
        Restart the server
      </button>
    </p>
  );
}

/**
 * The server cannot be reached: the notice names its URL and how the connection ended, with
 * "Retry now" (no waiting for the backoff once it is back) and "Edit account".
 */
export const ServerUnreachable: Story = {
  parameters: sip({ bots: [], devices: [microphone] }),
  render: (args) => (
    <>
      <WithEditAccount {...args} />
      <ServerControls />
    </>
  ),
};
