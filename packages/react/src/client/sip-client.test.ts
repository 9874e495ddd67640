import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sipTestbed } from '../testing/sip-testbed.js';
import { until } from '../testing/until.js';
import { SipClient } from './sip-client.js';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('SipClient, without React', () => {
  it('makes no UA until mounted, and keeps it through an unmount and mount in one tick', async () => {
    const bed = sipTestbed();
    const alice = bed.phone('alice');
    const client = new SipClient(alice.config, alice.options);
    await client.settled();
    expect(client.ua).toBeUndefined();
    void client.mount();
    void client.unmount();
    void client.mount();
    await client.settled();
    const ua = client.ua;
    expect(ua?.status).toBe('started');
    await until(() => expect(client.store.getState().registration.status).toBe('registered'));
    expect(bed.registrations()).toHaveLength(1);

    client.configure({ ...alice.config }, { ...alice.options });
    await client.settled();
    expect(client.ua).toBe(ua);
    client.configure({ ...alice.config, display_name: 'Alice' }, alice.options);
    await client.settled();
    expect(client.ua).not.toBe(ua);
    expect(ua?.status).toBe('stopped');

    const stopping = client.unmount();
    await vi.advanceTimersByTimeAsync(0);
    await stopping;
    expect(client.ua).toBeUndefined();
    expect(client.store.getState().connection).toBe('idle');
    await bed.expectAllStopped();
  });
});
