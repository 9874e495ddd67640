import { useCall } from '@sipkit/react';
import type { Meta, StoryObj } from '@storybook/react-vite';
import { useState } from 'react';
import { bobAnswersAtOnce } from '../stories/parties.js';
import { Dialpad } from './dialpad.js';

/** Keys typed so far, as a dialler would show them. */
function TypedKeys() {
  const [typed, setTyped] = useState('');
  return (
    <>
      <Dialpad onKey={(key) => setTyped((text) => text + key)} />
      <output className="sk-story-note" aria-label="Typed" data-testid="typed">
        {typed}
      </output>
    </>
  );
}

/** The pad in a call, with the last tone that went out. */
function InCallPad() {
  const { state } = useCall();
  return (
    <>
      <Dialpad />
      <p className="sk-story-note" data-testid="last-tone">
        {state?.status !== 'confirmed'
          ? 'Connecting to Bob…'
          : `Last tone: ${state.lastDtmf?.tone ?? 'none'}`}
      </p>
    </>
  );
}

/** The twelve-key pad: click, type digits while it has focus, or hold 0 for +. */
const meta = {
  title: 'Parts/Dialpad',
  component: Dialpad,
  parameters: { sip: { bots: [bobAnswersAtOnce] } },
} satisfies Meta<typeof Dialpad>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Dialling: keys build a number; hold 0 for +. */
export const Dialling: Story = { render: () => <TypedKeys /> };

/** In a confirmed call every key goes out as a DTMF tone (RFC 4733). */
export const InCall: Story = {
  parameters: { sip: { bots: [bobAnswersAtOnce], script: [{ dial: 'bob' }] } },
  render: () => <InCallPad />,
};
