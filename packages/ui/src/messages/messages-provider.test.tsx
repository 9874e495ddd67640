import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { Sparkline } from '../components/sparkline.js';
import { callLabel } from '../internal/call-label.js';
import { defaultMessages } from './default-messages.js';
import { mergeMessages, SipKitMessagesProvider, useMessages } from './messages-provider.js';

function Texts() {
  const { dial, controls } = useMessages();
  return (
    <p>
      {dial.call}/{dial.keypad}/{controls.mute}
    </p>
  );
}

describe('messages', () => {
  it('merges a partial override text by text, keeping the rest of each group', () => {
    const merged = mergeMessages(defaultMessages, { dial: { call: 'Appeler' } });
    expect(merged.dial.call).toBe('Appeler');
    expect(merged.dial.keypad).toBe('Keypad');
    expect(merged.controls).toBe(defaultMessages.controls);
    expect(mergeMessages(defaultMessages, undefined)).toBe(defaultMessages);
  });

  it('is English without a provider', () => {
    render(<Texts />);
    expect(screen.getByText('Call/Keypad/Mute')).toBeTruthy();
  });

  it('layers nested providers: the inner one wins where it speaks, the outer elsewhere', () => {
    render(
      <SipKitMessagesProvider messages={{ dial: { call: 'Appeler', keypad: 'Clavier' } }}>
        <SipKitMessagesProvider messages={{ dial: { call: 'Anrufen' } }}>
          <Texts />
        </SipKitMessagesProvider>
      </SipKitMessagesProvider>,
    );
    expect(screen.getByText('Anrufen/Clavier/Mute')).toBeTruthy();
  });

  it('reaches components that need no SIP provider (the sparkline empty note)', () => {
    render(
      <SipKitMessagesProvider messages={{ quality: { noData: 'Aucune mesure' } }}>
        <Sparkline values={[]} label="Gigue" />
      </SipKitMessagesProvider>,
    );
    expect(screen.getByRole('img', { name: 'Gigue' }).textContent).toContain('Aucune mesure');
  });

  it('words a plain hang-up without its cause and any other end with it', () => {
    const ended = { status: 'terminated', cause: 'Terminated' } as Parameters<typeof callLabel>[0];
    expect(callLabel(ended)).toBe('Call ended');
    expect(callLabel({ ...ended, cause: 'Busy' })).toBe('Call ended: Busy');
    const fr = { ...defaultMessages.call, ended: (cause: string | undefined) => `Fin: ${cause}` };
    expect(callLabel({ ...ended, cause: 'Busy' }, fr)).toBe('Fin: Busy');
  });
});
