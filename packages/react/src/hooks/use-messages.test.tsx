import { until } from '../testing/until.js';
import { Causes } from '@sipkit/core';
import { act, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UseMessagesResult } from './use-messages.js';
import { useMessages } from './use-messages.js';
import { useRegistration } from './use-registration.js';
import { SipProvider } from '../sip-provider.js';
import { renderStrict } from '../testing/render.js';
import { sipTestbed, type TestPhone } from '../testing/sip-testbed.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const hooks: Record<string, UseMessagesResult> = {};
function Inbox({ name }: { readonly name: string }) {
  const result = useMessages();
  const { status } = useRegistration();
  Object.assign(hooks, { [name]: result });
  return (
    <ul data-testid={name} data-registration={status}>
      {result.messages.map((m) => (
        <li
          key={m.id}
        >{`${m.direction} ${m.status} ${m.from.uri} -> ${m.to.uri}: ${m.body}${m.cause === undefined ? '' : ` (${m.cause})`}`}</li>
      ))}
    </ul>
  );
}
function Messenger({
  name,
  phone,
  max,
}: {
  readonly name: string;
  readonly phone: TestPhone;
  readonly max?: number;
}) {
  return (
    <SipProvider
      config={phone.config}
      {...phone.options}
      {...(max === undefined ? {} : { maxMessages: max })}
    >
      <Inbox name={name} />
    </SipProvider>
  );
}
const items = (name: string): string[] =>
  Array.from(screen.getByTestId(name).querySelectorAll('li'), (li) => li.textContent ?? '');

describe('useMessages', () => {
  it('sends a message that shows on both sides, with its outcome', async () => {
    const bed = sipTestbed();
    const views = [
      renderStrict(<Messenger name="alice" phone={bed.phone('alice')} />),
      renderStrict(<Messenger name="bob" phone={bed.phone('bob')} />),
    ];
    await until(() => {
      expect(screen.getByTestId('alice').dataset.registration).toBe('registered');
      expect(screen.getByTestId('bob').dataset.registration).toBe('registered');
    });
    let sending: Promise<unknown> = Promise.resolve();
    act(() => void (sending = hooks.alice!.sendMessage('bob', 'hello bob')));
    expect(items('alice')).toEqual([
      'outgoing sending sip:alice@sip.test -> sip:bob@sip.test: hello bob',
    ]);
    await act(() => sending);
    expect(items('alice')).toEqual([
      'outgoing sent sip:alice@sip.test -> sip:bob@sip.test: hello bob',
    ]);
    await until(() =>
      expect(items('bob')).toEqual([
        'incoming received sip:alice@sip.test -> sip:bob@sip.test: hello bob',
      ]),
    );

    await act(() => hooks.alice!.sendMessage('nobody', 'anyone?'));
    expect(items('alice')[1]).toBe(
      `outgoing failed sip:alice@sip.test -> sip:nobody@sip.test: anyone? (${Causes.NOT_FOUND})`,
    );
    for (const view of views) view.unmount();
    await bed.expectAllStopped();
  });

  it('keeps only the newest maxMessages', async () => {
    const bed = sipTestbed();
    const views = [
      renderStrict(<Messenger name="alice" phone={bed.phone('alice')} />),
      renderStrict(<Messenger name="bob" phone={bed.phone('bob')} max={2} />),
    ];
    await until(() => expect(screen.getByTestId('alice').dataset.registration).toBe('registered'));
    await until(() => expect(screen.getByTestId('bob').dataset.registration).toBe('registered'));
    for (const body of ['one', 'two', 'three'])
      await act(() => hooks.alice!.sendMessage('bob', body));
    await until(() =>
      expect(items('bob').map((item) => item.split(': ')[1])).toEqual(['two', 'three']),
    );
    for (const view of views) view.unmount();
    await bed.expectAllStopped();
  });
});
