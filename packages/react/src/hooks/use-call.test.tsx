import { until } from '../testing/until.js';
import { Causes } from '@sipkit/core';
import { act, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderStrict } from '../testing/render.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { Phone } from '../testing/test-phone.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const text = (id: string): string | null => screen.getByTestId(id).textContent;
const click = (name: string): void => void act(() => fireEvent.click(screen.getByText(name)));
function dial(name: string, target: string): void {
  fireEvent.change(screen.getByLabelText(`${name}-target`), { target: { value: target } });
  click(`${name}-dial`);
}

async function registeredPhones(...names: string[]) {
  const bed = sipTestbed();
  const phones = names.map((name) => ({ name, phone: bed.phone(name) }));
  // One root per phone, so a test can unmount one of them.
  const views = phones.map(({ name, phone }) => renderStrict(<Phone name={name} phone={phone} />));
  await until(() => {
    for (const name of names) expect(text(`${name}-registration`)).toBe('connected/registered');
  });
  const view = { unmount: () => views.forEach((v) => v.unmount()) };
  return {
    bed,
    view,
    views: Object.fromEntries(phones.map((p, i) => [p.name, views[i]!])),
    phones: Object.fromEntries(phones.map((p) => [p.name, p.phone])),
  };
}

describe('calls through the hooks, between two providers', () => {
  it('places, rings, answers, holds, mutes, sends DTMF and hangs up', async () => {
    const { bed, view, phones } = await registeredPhones('alice', 'bob');
    dial('alice', 'bob');
    expect(text('alice-call')).toBe('connecting');
    await until(() => expect(text('alice-call')).toBe('ringing'));
    expect(text('bob-incoming')).toBe('sip:alice@sip.test');
    expect(text('bob-call')).toBe('none');

    click('bob-answer');
    await until(() => {
      expect(text('alice-call')).toBe('confirmed');
      expect(text('bob-call')).toBe('confirmed');
    });
    expect(text('bob-incoming')).toBe('');

    click('alice-hold');
    await until(() => expect(text('alice-flags')).toMatch(/^hold:true\/false/));
    await until(() => expect(text('bob-flags')).toMatch(/^hold:false\/true/));
    click('alice-unhold');
    await until(() => expect(text('bob-flags')).toMatch(/^hold:false\/false/));
    expect(text('alice-flags')).toMatch(/^hold:false\/false/);

    click('alice-mute');
    expect(text('alice-flags')).toMatch(/muted:true/);
    expect(phones.alice!.media.handlers[0]!.muted.audio).toBe(true);
    click('alice-unmute');
    expect(text('alice-flags')).toMatch(/muted:false/);

    click('alice-dtmf');
    // RFC 4733 tones go one at a time, with the inter-tone gap between them.
    await until(() => expect(phones.alice!.media.handlers[0]!.dtmf).toHaveLength(2));
    expect(phones.alice!.media.handlers[0]!.dtmf.map((d) => d.tones).join('')).toBe('1#');

    click('alice-hangup');
    expect(text('alice-call')).toBe('terminated');
    await until(() => expect(text('bob-call')).toBe('terminated'));
    expect(text('bob-flags')).toMatch(/cause:Terminated$/);
    expect(bed.sent('BYE')).toHaveLength(1);
    view.unmount();
    await bed.expectAllStopped();
  });

  it('declines with 603: the caller fails with cause Rejected', async () => {
    const { bed, view } = await registeredPhones('alice', 'bob');
    dial('alice', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-decline');
    await until(() => expect(text('alice-call')).toBe('terminated'));
    expect(text('alice-flags')).toMatch(new RegExp(`cause:${Causes.REJECTED}$`));
    expect(text('bob-incoming')).toBe('');
    expect(
      bed.network.traffic.entries((e) => e.message.startsWith('SIP/2.0 603')),
    ).not.toHaveLength(0);
    view.unmount();
    await bed.expectAllStopped();
  });

  it('call waiting: a second call rings during the first; answering holds the first', async () => {
    const { bed, view } = await registeredPhones('alice', 'bob', 'carol');
    dial('alice', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-answer');
    await until(() => expect(text('bob-call')).toBe('confirmed'));

    dial('carol', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:carol@sip.test (waiting)'));
    // The current call stays the one in progress while the second rings.
    expect(text('bob-call')).toBe('confirmed');
    click('bob-answer');
    await until(() => expect(text('carol-call')).toBe('confirmed'));
    await until(() => expect(text('alice-flags')).toMatch(/^hold:false\/true/));
    expect(text('bob-flags')).toMatch(/^hold:false\/false/); // now showing carol's call

    click('bob-hangup'); // ends carol's call; the current call goes back to alice's (held)
    await until(() => expect(text('carol-call')).toBe('terminated'));
    expect(text('bob-call')).toBe('confirmed');
    expect(text('bob-flags')).toMatch(/^hold:true\/false/);
    view.unmount();
    await bed.expectAllStopped();
  });

  it('unmounting a provider during a call sends BYE; the far end sees the call end', async () => {
    const { bed, views } = await registeredPhones('alice', 'bob');
    dial('alice', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-answer');
    await until(() => expect(text('alice-call')).toBe('confirmed'));
    views.alice!.unmount();
    await until(() => expect(text('bob-call')).toBe('terminated'));
    expect(text('bob-flags')).toMatch(/cause:Terminated$/);
    expect(bed.sent('BYE')).toHaveLength(1);
    await until(() => expect(bed.network.openConnections).toBe(1)); // bob's only
    views.bob!.unmount();
    await bed.expectAllStopped();
  });

  it('transfers (REFER): the far end is asked, and declining answers 603', async () => {
    const { bed, view } = await registeredPhones('alice', 'bob', 'carol');
    dial('alice', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    // Not a confirmed call yet: nothing to transfer, and nothing is left "pending".
    fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'carol' } });
    click('bob-transfer');
    expect(text('bob-transfer')).toBe('');
    click('bob-answer');
    await until(() => expect(text('alice-call')).toBe('confirmed'));

    fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'carol' } });
    click('bob-transfer');
    expect(text('bob-transfer')).toBe('carol pending ');
    await until(() => expect(text('alice-transfer-request')).toBe('sip:carol@sip.test'));
    click('alice-decline-transfer');
    expect(text('alice-transfer-request')).toBe('');
    await until(() => expect(text('bob-transfer')).toBe('carol failed 603'));
    view.unmount();
    await bed.expectAllStopped();
  });

  it('follows an accepted transfer to the end through NOTIFY', async () => {
    const bed = sipTestbed();
    const views = [
      renderStrict(<Phone name="alice" phone={bed.phone('alice')} />),
      renderStrict(<Phone name="bob" phone={bed.phone('bob')} />),
      renderStrict(<Phone name="carol" phone={bed.phone('carol')} />),
    ];
    await until(() => {
      for (const name of ['alice', 'bob', 'carol'])
        expect(text(`${name}-registration`)).toBe('connected/registered');
    });
    dial('alice', 'bob');
    await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
    click('bob-answer');
    await until(() => expect(text('alice-call')).toBe('confirmed'));
    fireEvent.change(screen.getByLabelText('bob-target'), { target: { value: 'carol' } });
    click('bob-transfer');
    await until(() => expect(text('alice-transfer-request')).toBe('sip:carol@sip.test'));
    click('alice-accept-transfer');
    await until(() => expect(text('carol-incoming')).toBe('sip:alice@sip.test'));
    expect(text('bob-transfer')).toMatch(/^carol accepted/);
    // The call the core placed for the transfer is alice's current call now.
    expect(text('alice-call')).not.toBe('confirmed');
    click('carol-answer');
    await until(() => expect(text('bob-transfer')).toBe('carol succeeded 200'));
    await until(() => expect(text('alice-call')).toBe('confirmed'));
    for (const view of views) view.unmount();
    await bed.expectAllStopped();
  });
});
