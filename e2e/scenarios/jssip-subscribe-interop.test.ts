// Issue 23: subscriptions between SipKit and JsSIP 3.13.8, both ways, through the recipe's
// Kamailio (its presence server on: a package it does not serve goes to the user's phones). A
// custom event package with a text body: the initial NOTIFY, a NOTIFY with a new state, then
// the end from each side. Each page drives its library's own API (ua.subscribe, newSubscribe +
// ua.notify) with the same code, and both report the events JsSIP documents.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { FINAL_BODY, type SubscriptionRecord } from '../page/phone/events.js';
import type { PhonePage } from '../harness/phone-page.js';
import { usePhones } from '../harness/phones.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { useTopology } from '../harness/topology/use-topology.js';

const USERS: Readonly<Record<string, string>> = {
  'watcher-sipkit': 'w1-pw',
  'watcher-jssip': 'w2-pw',
  'source-sipkit': 's1-pw',
  'source-jssip': 's2-pw',
};
const topology = useTopology('jssip-subscribe-interop', { users: USERS, presence: true });
const phones = usePhones(topology, { port: PORTS.pageHttp });

const EVENT = 'x-sipkit-status';
const TEXT = 'text/plain';
// Termination codes, the same numbers in JsSIP's Subscriber.C / Notifier.C and ours.
const FINAL_NOTIFY_RECEIVED = 6;
const FINAL_NOTIFY_SENT = 4;

let pages: PhonePage[] = [];

async function open(user: string, library: 'sipkit' | 'jssip'): Promise<PhonePage> {
  const page = await phones.open({
    library,
    user,
    domain: RECIPE_DOMAIN,
    password: USERS[user] ?? '',
  });
  pages.push(page);
  return page;
}

// Each page's SIP frames stay in the run directory (SIPKIT_E2E_KEEP=1) for a failure's autopsy.
afterEach(async () => {
  for (const page of pages) {
    const name = `${page.aor.replace(/\W+/g, '_')}.frames.txt`;
    writeFileSync(
      join(topology.dir, name),
      page.frames.map((f) => `--- ${f.direction} ${f.at}\n${f.text}`).join('\n'),
    );
  }
  await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  pages = [];
});

/** Waits until record `id` of `role` on `page` has an event that `match` accepts. */
async function eventOf(
  page: PhonePage,
  role: SubscriptionRecord['role'],
  index: number,
  match: (event: SubscriptionRecord['events'][number]) => boolean,
  what: string,
): Promise<SubscriptionRecord['events'][number]> {
  let seen: SubscriptionRecord | undefined;
  const deadline = Date.now() + 10_000;
  for (;;) {
    seen = (await page.subscriptions()).filter((r) => r.role === role)[index];
    const hit = seen?.events.find(match);
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) {
      const events = seen?.events.map((e) => `${e.name}(${e.body ?? e.code ?? ''})`).join(' ');
      throw new Error(`${page.library} ${role} #${index}: no ${what}; events: ${events ?? 'none'}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each([
  ['jssip', 'sipkit'],
  ['sipkit', 'jssip'],
] as const)('%s subscribes to a %s notifier through Kamailio', (watcherLibrary, sourceLibrary) => {
  test('initial NOTIFY, a new state, unsubscribe; then the notifier ends one', async () => {
    const [source, watcher] = await Promise.all([
      open(`source-${sourceLibrary}`, sourceLibrary),
      open(`watcher-${watcherLibrary}`, watcherLibrary),
    ]);
    await source.serve(EVENT, TEXT, 'state 1');

    // 1. Subscribe: 2xx (accepted), the initial NOTIFY (active, body), the notifier's subscribe.
    const first = await watcher.subscribe(source.aor, EVENT, TEXT);
    await eventOf(watcher, 'subscriber', 0, (e) => e.name === 'accepted', 'accepted');
    await eventOf(watcher, 'subscriber', 0, (e) => e.name === 'active', 'active');
    const initial = await eventOf(watcher, 'subscriber', 0, (e) => e.name === 'notify', 'notify');
    expect(initial).toMatchObject({ isFinal: false, body: 'state 1' });
    expect(initial.contentType).toMatch(/^text\/plain/);
    const accepted = await eventOf(
      source,
      'notifier',
      0,
      (e) => e.name === 'subscribe',
      'subscribe',
    );
    expect(accepted.isUnsubscribe).toBe(false);

    // 2. A new state.
    await source.notify(0, 'state 2');
    const second = await eventOf(watcher, 'subscriber', 0, (e) => e.body === 'state 2', 'state 2');
    expect(second).toMatchObject({ name: 'notify', isFinal: false });

    // 3. The subscriber ends it: SUBSCRIBE Expires: 0, the notifier's final NOTIFY.
    await watcher.unsubscribe(first);
    const final = await eventOf(
      watcher,
      'subscriber',
      0,
      (e) => e.isFinal === true,
      'final notify',
    );
    expect(final.body).toBe(FINAL_BODY);
    const watcherEnd = await eventOf(
      watcher,
      'subscriber',
      0,
      (e) => e.name === 'terminated',
      'terminated',
    );
    expect(watcherEnd.code).toBe(FINAL_NOTIFY_RECEIVED);
    const unsubscribe = await eventOf(
      source,
      'notifier',
      0,
      (e) => e.name === 'subscribe' && e.isUnsubscribe === true,
      'unsubscribe',
    );
    expect(unsubscribe.isUnsubscribe).toBe(true);
    const sourceEnd = await eventOf(
      source,
      'notifier',
      0,
      (e) => e.name === 'terminated',
      'terminated',
    );
    expect(sourceEnd.code).toBe(FINAL_NOTIFY_SENT);

    // 4. Again, and the notifier ends it (RFC 6665 §4.2.2: terminated;reason=noresource).
    // A new subscription (new dialog): record 1 on both pages.
    expect(await watcher.subscribe(source.aor, EVENT, TEXT)).toBe(1);
    await eventOf(watcher, 'subscriber', 1, (e) => e.name === 'notify', 'notify');
    await eventOf(source, 'notifier', 1, (e) => e.name === 'subscribe', 'subscribe');
    await source.terminateSubscription(1, 'gone', 'noresource');
    const gone = await eventOf(
      watcher,
      'subscriber',
      1,
      (e) => e.name === 'terminated',
      'terminated',
    );
    expect(gone).toMatchObject({ code: FINAL_NOTIFY_RECEIVED, reason: 'noresource' });
    const last = await eventOf(watcher, 'subscriber', 1, (e) => e.isFinal === true, 'final notify');
    expect(last.body).toBe('gone');
    const ended = await eventOf(
      source,
      'notifier',
      1,
      (e) => e.name === 'terminated',
      'terminated',
    );
    expect(ended.code).toBe(FINAL_NOTIFY_SENT);

    // RFC 3261 §12.1.1: the notifier's 200 to the initial SUBSCRIBE copies its Record-Route.
    // Ours does (the fix this scenario found); JsSIP 3.13.8 does not, and the recipe's
    // Kamailio follows the alias of its Contact for the unsubscribe instead.
    const accepts = source.frames.filter(
      (f) =>
        f.direction === 'sent' &&
        /^SIP\/2\.0 200/.test(f.text) &&
        /^CSeq: \d+ SUBSCRIBE/im.test(f.text),
    );
    expect(accepts.length).toBeGreaterThan(0);
    const copied = accepts.map((f) => /^Record-Route: /im.test(f.text));
    expect(copied[0]).toBe(sourceLibrary === 'sipkit');

    // Through Kamailio: the SUBSCRIBE was relayed (Record-Route), not served by its presence
    // module, and the notifier's NOTIFYs carried the custom package.
    const subscribe = watcher.frames.find(
      (f) => f.direction === 'sent' && f.text.startsWith('SUBSCRIBE '),
    );
    expect(subscribe?.text).toMatch(new RegExp(`^Event: ${EVENT}`, 'im'));
    const arrived = source.frames.find(
      (f) => f.direction === 'received' && f.text.startsWith('SUBSCRIBE '),
    );
    expect(arrived?.text).toMatch(/^Record-Route: /im);
    expect([...watcher.errors, ...source.errors]).toEqual([]);
  });
});
