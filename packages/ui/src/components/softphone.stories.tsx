import type { Meta, StoryObj } from '@storybook/react-vite';
import {
  bobAnswers,
  bobAnswersAtOnce,
  bobCalls,
  carolCallsLater,
  hugeNameCalls,
  longNameCalls,
  rtlCalls,
} from '../stories/parties.js';
import type { SipStoryParameters } from '../stories/with-sip-stage.js';
import { MediaConstraintsProbe } from '../stories/media-constraints-probe.js';
import { useStage } from '../stories/stage-context.js';
import { useDisconnects } from '../stories/story-helpers.js';
import { SipKitMessagesProvider } from '../messages/messages-provider.js';
import type { SipKitMessagesOverride } from '../messages/sipkit-messages.js';
import { Softphone } from './softphone.js';

const sip = (parameters: SipStoryParameters) => ({ sip: parameters });

/**
 * The composed softphone on an in-memory SIP network. You are `you@sip.test`; the other parties
 * are scripted UAs on the same network. Type `bob` and press Call (or Enter): Bob answers.
 */
const meta = {
  title: 'Softphone',
  component: Softphone,
  // The story frame is the theme root (the toolbar's theme): the phone inherits it.
  args: { theme: 'inherit' },
  parameters: sip({ bots: [bobAnswers] }),
} satisfies Meta<typeof Softphone>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Registered and idle: dial `bob` (he answers after 1.5 s) or any other name (404/480). */
export const Idle: Story = {};

/** Bob calls you: answer or decline. */
export const Ringing: Story = { parameters: sip({ bots: [bobCalls] }) };

/** You called Bob and he answered. */
export const InCall: Story = {
  parameters: sip({ bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] }),
};

/** In a call, put on hold by you (re-INVITE with a=sendonly). */
export const OnHold: Story = {
  parameters: sip({
    bots: [bobAnswersAtOnce],
    script: [{ dial: 'bob' }, { await: 'confirmed' }, { do: 'hold' }],
  }),
};

/** In a call with your microphone muted. */
export const Muted: Story = {
  parameters: sip({
    bots: [bobAnswersAtOnce],
    script: [{ dial: 'bob' }, { await: 'confirmed' }, { do: 'mute' }],
  }),
};

/** Carol calls while you talk to Bob: answering puts Bob on hold, and the call list appears. */
export const CallWaiting: Story = {
  parameters: sip({ bots: [bobAnswersAtOnce, carolCallsLater], script: [{ dial: 'bob' }] }),
};

/** The registrar wants a password you do not have: 401, then "Registration failed". */
export const FailedRegistration: Story = {
  parameters: sip({ server: { users: { you: 'right' } }, you: { password: 'wrong' }, bots: [] }),
};

/** No password configured, and the registrar asks for one: the phone says to set `password`. */
export const NoPassword: Story = {
  parameters: sip({ server: { users: { you: 'right' } }, bots: [] }),
};

/**
 * The server URL was typed as `http://`: the socket cannot be used, and instead of a blank page
 * the phone shows the configuration error for `sockets`.
 */
export const BadServerUrl: Story = {
  parameters: sip({ you: { socketUrl: 'http://127.0.0.1:5062' }, bots: [] }),
};

/** A caller whose display name is 96 KB: shown cut with an ellipsis, the page stays usable. */
export const HugeDisplayName: Story = {
  parameters: sip({ bots: [hugeNameCalls] }),
};

/** In a call with someone whose display name would break a careless layout (they called). */
export const LongNames: Story = {
  parameters: sip({ bots: [longNameCalls], script: [{ await: 'ringing' }, { do: 'answer' }] }),
};

/** Right-to-left: the whole phone in RTL with an Arabic caller. */
export const RightToLeft: Story = {
  globals: { direction: 'rtl' },
  parameters: sip({ bots: [rtlCalls] }),
};

/**
 * A video phone, in a video call with Bob: his picture, yours in the corner, and "Stop video"
 * among the controls. `callOptions` and `answerOptions` reach every call it places or answers,
 * whether placed with the Call button or with Enter in the dial field. (The pictures are
 * synthetic: the story's fake media has no camera.)
 */
export const VideoCalls: Story = {
  parameters: sip({
    bots: [bobAnswersAtOnce],
    video: true,
    script: [{ dial: 'bob', video: true }],
  }),
  args: {
    callOptions: { mediaConstraints: { audio: true, video: true } },
    answerOptions: { mediaConstraints: { audio: true, video: true } },
  },
  render: (args) => (
    <>
      <Softphone {...args} />
      <MediaConstraintsProbe />
    </>
  ),
};

/** Takes the story's SIP server down, as a crash or a lost network would. */
function ServerSwitch() {
  const stage = useStage();
  return (
    <button type="button" onClick={() => stage.network.crash()}>
      Take the server down
    </button>
  );
}

/**
 * The server goes away: the Call button is disabled, and Enter in the dial field does nothing
 * either (no call is placed only to fail).
 */
export const ServerDown: Story = {
  parameters: sip({ bots: [] }),
  render: (args) => (
    <>
      <Softphone {...args} />
      <ServerSwitch />
    </>
  ),
};

function SoftphoneWithDisconnect() {
  const [disconnects, disconnect] = useDisconnects();
  return (
    <>
      <Softphone onDisconnect={disconnect} />
      {disconnects}
    </>
  );
}

/** With `onDisconnect`, in a call with Bob: Disconnect asks before it ends the call. */
export const DisconnectInCall: Story = {
  parameters: sip({ bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] }),
  render: () => <SoftphoneWithDisconnect />,
};

/** Part of the kit in French: the texts a product changed; everything else stays English. */
const someFrench: SipKitMessagesOverride = {
  softphone: { title: 'Téléphone' },
  dial: { call: 'Appeler', fieldLabel: 'Numéro ou adresse SIP' },
  registration: { registered: 'Enregistré' },
  call: {
    inCall: 'En communication',
    ended: (cause) => `Appel terminé${cause ? ` : ${cause}` : ''}`,
  },
  controls: { mute: 'Couper le micro', unmute: 'Rétablir le micro' },
};

/**
 * Localized through `<SipKitMessagesProvider>`: a partial French override. What it gives is
 * French (title, Call, the field, Registered, In call, Mute); the rest (Hold, Devices) is English.
 */
export const Localized: Story = {
  render: (args) => (
    <SipKitMessagesProvider messages={someFrench}>
      <Softphone {...args} />
    </SipKitMessagesProvider>
  ),
};

/**
 * On a phone: 320 CSS px wide (WCAG 1.4.10 Reflow), in a call with someone whose name is far
 * too long (they called, you answered), Carol calling on top. Nothing scrolls sideways; the name takes two lines, then "…".
 */
export const PhoneWidth: Story = {
  parameters: sip({
    bots: [longNameCalls, carolCallsLater],
    script: [{ await: 'ringing' }, { do: 'answer' }],
  }),
  decorators: [
    (Story) => (
      <div style={{ width: 320, maxWidth: '100%' }} data-testid="phone-frame">
        <Story />
      </div>
    ),
  ],
};
