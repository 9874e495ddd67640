// Issue 23: a real presence server. The recipe's Kamailio with WITH_PRESENCE (presence,
// presence_xml, presence_dialoginfo, presence_mwi over SQLite; pua_dialoginfo publishing the
// dialogs of the calls it routes) serves SipKit pages that show what the user sees: the
// components of @sipkit/ui over the hooks of @sipkit/react, read through their data-sipkit-*
// attributes. The non-JS peer is baresip (its presence module): it publishes its own state and
// watches a SipKit user. The voicemail server is SIPp, publishing a mailbox's message-summary.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PageServer } from '../harness/page-server.js';
import {
  headerOf,
  PresencePage,
  servePresencePage,
  type PresencePageOptions,
} from '../harness/presence-page.js';
import { usePhones } from '../harness/phones.js';
import { runSippUac } from '../harness/sipp.js';
import { PORTS, RECIPE_DOMAIN } from '../harness/topology/deploy.js';
import { useTopology } from '../harness/topology/use-topology.js';

const USERS: Readonly<Record<string, string>> = {
  alice: 'alice-pw',
  bob: 'bob-pw',
  carol: 'carol-pw',
  dave: 'dave-pw',
  erin: 'erin-pw',
  voicemail: 'voicemail-pw',
};
const aor = (user: string): string => `sip:${user}@${RECIPE_DOMAIN}`;

const topology = useTopology('presence-kamailio', {
  users: USERS,
  presence: true,
  // carol is a desk phone: it publishes its presence (pubint) and watches alice's.
  baresip: 'carol',
  baresipPresence: { publishInterval: 600, watch: [{ name: 'Alice', uri: aor('alice') }] },
});
const phones = usePhones(topology, { port: PORTS.pageHttp });
let server: PageServer | undefined;
const pages: PresencePage[] = [];

beforeAll(async () => {
  server = await servePresencePage();
});
afterAll(async () => {
  for (const page of pages) page.saveFrames(topology.dir);
  await Promise.all(pages.map((page) => page.close().catch(() => undefined)));
  await server?.close();
});

async function openPresence(
  user: string,
  options: Omit<PresencePageOptions, 'ws' | 'user' | 'domain' | 'password'> = {},
): Promise<PresencePage> {
  if (server === undefined) throw new Error('page server not up yet');
  const page = await PresencePage.open(phones.browser.browser, server, {
    ws: topology.kamailio.wsUrl,
    user,
    domain: RECIPE_DOMAIN,
    password: USERS[user] ?? '',
    ...options,
  });
  pages.push(page);
  return page;
}

/** What baresip's `contacts` command says of a contact's presence (Online, Offline, Unknown). */
async function baresipSees(uri: string): Promise<string> {
  // Colours are ANSI escapes around the status word.
  // eslint-disable-next-line no-control-regex
  const listing = (await topology.baresip.command('contacts')).replace(/\x1b\[[0-9;]*m/g, '');
  const line = listing.split('\n').find((l) => l.includes(uri)) ?? listing;
  return /\b(Online|Offline|Busy|Away|Unknown)\b/i.exec(line)?.[1] ?? line;
}

/**
 * The voicemail server (SIPp, authenticated as `voicemail`) sends alice's message-waiting
 * counts (RFC 3842) through Kamailio, by the SIPp `scenario` (a PUBLISH or an unsolicited NOTIFY).
 */
async function voicemailServerSends(
  scenario: string,
  counts: { readonly new: number; readonly old: number },
  name: string,
): Promise<void> {
  await runSippUac({
    scenario,
    remote: `127.0.0.1:${PORTS.kamailioUdp}`,
    localPort: PORTS.sipp,
    service: 'alice',
    auth: { user: 'voicemail', password: USERS['voicemail'] ?? '', uri: `alice@${RECIPE_DOMAIN}` },
    keys: { vmuser: 'voicemail', new: String(counts.new), old: String(counts.old) },
    dir: topology.kamailio.dir,
    registry: topology.registry,
    name,
  });
}

const POLL = { timeout: 10_000, interval: 50 } as const;

describe('presence through Kamailio', () => {
  let alice: PresencePage;
  let bob: PresencePage;

  /** The <basic> of each presence NOTIFY bob got for carol (what baresip published, aggregated). */
  const carolStates = (): string[] =>
    bob
      .received('NOTIFY')
      .filter((n) => headerOf(n, 'Event') === 'presence' && headerOf(n, 'From')?.includes('carol'))
      .map((n) => /<basic>(\w+)<\/basic>/.exec(n)?.[1] ?? 'none');

  beforeAll(async () => {
    [alice, bob] = await Promise.all([
      openPresence('alice', { voicemail: true }),
      openPresence('bob', { watch: [aor('alice'), aor('carol')] }),
    ]);
  }, 30_000);

  test('SipKit publishes (PUBLISH, SIP-ETag, SIP-If-Match); a SipKit page and baresip see it', async () => {
    await expect.poll(async () => (await bob.badge(aor('alice'))).state, POLL).toBe('active');

    await alice.publish({ open: true, note: 'At my desk' });
    await expect.poll(async () => (await bob.badge(aor('alice'))).value, POLL).toBe('available');
    expect((await bob.badge(aor('alice'))).text).toContain('At my desk');
    // The non-JS watcher: baresip's SUBSCRIBE got the same NOTIFY from Kamailio.
    await expect.poll(() => baresipSees(aor('alice')), POLL).toBe('Online');

    // Modify (RFC 3903 §4.4): the same publication, named by the entity tag Kamailio gave.
    await alice.publish({ open: true, activities: ['away'], note: 'Lunch' });
    await expect.poll(async () => (await bob.badge(aor('alice'))).value, POLL).toBe('away');
    expect((await bob.badge(aor('alice'))).text).toContain('Lunch');

    const publishes = alice.sent('PUBLISH');
    const etags = alice.frames
      .filter((f) => f.direction === 'received' && /^SIP\/2\.0 200/.test(f.text))
      .map((f) => headerOf(f.text, 'SIP-ETag'))
      .filter((etag): etag is string => etag !== undefined);
    expect(etags.length, 'a 200 with SIP-ETag for each PUBLISH').toBeGreaterThanOrEqual(2);
    const initial = publishes.filter((p) => headerOf(p, 'SIP-If-Match') === undefined);
    const modify = publishes.filter((p) => headerOf(p, 'SIP-If-Match') !== undefined);
    expect(initial.length, 'the first PUBLISH (and its authenticated retry)').toBeGreaterThan(0);
    expect(modify.length).toBeGreaterThan(0);
    expect(etags).toContain(headerOf(modify.at(-1) ?? '', 'SIP-If-Match'));
    for (const publish of publishes) {
      expect(headerOf(publish, 'Event')).toBe('presence');
      expect(headerOf(publish, 'Content-Type')).toBe('application/pidf+xml');
    }
  });

  // baresip 1.0 publishes twice at start (once before its REGISTER is answered, with <basic>
  // unknown, once after), two publications with the same tuple id; Kamailio's aggregation keeps
  // one tuple per id, whichever PUBLISH a worker handled first. So the badge is held to what
  // each NOTIFY says, not to the command alone.
  test('baresip publishes; the SipKit badge shows each state Kamailio notifies', async () => {
    await expect.poll(async () => (await bob.badge(aor('carol'))).state, POLL).toBe('active');
    for (const command of ['presence_offline', 'presence_online']) {
      const before = carolStates().length;
      await topology.baresip.command(command);
      await expect.poll(() => carolStates().length, POLL).toBeGreaterThan(before);
      const basic = carolStates().at(-1);
      const shown = basic === 'open' ? 'available' : basic === 'closed' ? 'offline' : 'unknown';
      await expect.poll(async () => (await bob.badge(aor('carol'))).value, POLL).toBe(shown);
    }
    expect(carolStates().length).toBeGreaterThanOrEqual(3);
  });

  test('a voicemail server publishes message-summary: the VoicemailIndicator lights with the counts', async () => {
    await expect.poll(async () => (await alice.voicemail()).state, POLL).toBe('none');
    const subscribed = alice
      .sent('SUBSCRIBE')
      .filter((s) => headerOf(s, 'Event') === 'message-summary');
    expect(subscribed.length).toBeGreaterThan(0);

    await voicemailServerSends('uac-publish-mwi.xml', { new: 2, old: 8 }, 'sipp-mwi');
    await expect.poll(async () => (await alice.voicemail()).state, POLL).toBe('waiting');
    const lamp = await alice.voicemail();
    expect(lamp.value).toBe('2');
    expect(lamp.text).toMatch(/2 new voicemails?, 8 old/);
    const notify = alice
      .received('NOTIFY')
      .filter((n) => headerOf(n, 'Event') === 'message-summary')
      .at(-1);
    expect(notify).toMatch(/^Messages-Waiting: yes/im);
    expect(notify).toMatch(/^Voice-Message: 2\/8/im);

    // Many PBXs send the state unsolicited instead: a NOTIFY outside any subscription, routed
    // by Kamailio to alice's registration (the UA's sipEvent, which useMessageWaiting reads).
    await voicemailServerSends('uac-notify-mwi.xml', { new: 5, old: 9 }, 'sipp-mwi-notify');
    await expect.poll(async () => (await alice.voicemail()).value, POLL).toBe('5');
    expect((await alice.voicemail()).text).toMatch(/5 new voicemails?, 9 old/);
    const unsolicited = alice
      .received('NOTIFY')
      .filter((n) => headerOf(n, 'Event') === 'message-summary')
      .at(-1);
    expect(headerOf(unsolicited ?? '', 'To')).not.toMatch(/;\s*tag=/);
  });
});

describe('busy lamps from the calls Kamailio routes', () => {
  test('ringing (with the caller, for pickup), busy in the call, idle after', async () => {
    const watcher = await openPresence('bob', {
      buddies: [
        { uri: aor('dave'), name: 'Dave' },
        { uri: aor('erin'), name: 'Erin' },
      ],
    });
    const [dave, erin] = await Promise.all([
      phones.open({
        library: 'sipkit',
        user: 'dave',
        domain: RECIPE_DOMAIN,
        password: USERS['dave'] ?? '',
      }),
      phones.open({
        library: 'jssip',
        user: 'erin',
        domain: RECIPE_DOMAIN,
        password: USERS['erin'] ?? '',
      }),
    ]);
    await expect.poll(async () => (await watcher.buddy('Dave')).value, POLL).toBe('idle');
    await expect.poll(async () => (await watcher.buddy('Erin')).value, POLL).toBe('idle');

    const id = await dave.call(erin.aor);
    const incoming = await erin.incomingCall(0);
    await expect.poll(async () => (await watcher.buddy('Erin')).value, POLL).toBe('ringing');
    await expect.poll(async () => (await watcher.buddy('Dave')).value, POLL).toBe('busy');

    // Pickup: the lamp carries the ringing dialog (pua_dialoginfo's Call-ID, tags, caller).
    await watcher.pickup('Erin');
    const invite = dave.frames.find((f) => f.direction === 'sent' && f.text.startsWith('INVITE '));
    const callId = headerOf(invite?.text ?? '', 'Call-ID');
    const [pickup] = (await watcher.state()).pickups;
    expect(pickup).toMatchObject({
      buddy: aor('erin'),
      callId,
      caller: expect.stringContaining('dave'),
    });

    await erin.answer(incoming);
    await dave.event(id, 'confirmed');
    await expect.poll(async () => (await watcher.buddy('Erin')).value, POLL).toBe('busy');
    await expect.poll(async () => (await watcher.buddy('Dave')).value, POLL).toBe('busy');

    await dave.hangup(id);
    await erin.event(incoming, 'ended');
    await expect.poll(async () => (await watcher.buddy('Dave')).value, POLL).toBe('idle');
    await expect.poll(async () => (await watcher.buddy('Erin')).value, POLL).toBe('idle');
    expect([...watcher.errors, ...dave.errors, ...erin.errors]).toEqual([]);
  });
});
