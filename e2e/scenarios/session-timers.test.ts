// RFC 4028 session timers against SIPp through Kamailio, at the smallest legal interval (90 s,
// §4: Min-SE never goes below 90, so a refresh cannot come sooner than 45 s). The five calls run
// at once, each with its own Kamailio and SIPp, so the file takes about one expiry (~60 s).
import { readFileSync } from 'node:fs';
import { test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { startRegistered, type NodeUAOptions } from '../harness/node-ua.js';
import { useKamailio, type Scenario } from '../harness/scenario.js';
import { sessionEvent } from '../harness/session-wait.js';
import { findSippEntry, readSippLog } from '../harness/sipp-log.js';
import { startSippUas, type Sipp } from '../harness/sipp.js';
import { waitUntil } from '../harness/wait.js';

const SIPP = `sip:sipp@${SIP_DOMAIN}`;
const REFRESH_MS = 45_000; // §10: the refresher refreshes at half the interval
const EXPIRY_MS = 60_000; // §10: the other side gives up at interval - min(32, interval / 3)
const SLACK_MS = 1500; // a loaded 2-core CI machine; the timers themselves are exact
const LONG_TEST_MS = EXPIRY_MS + 20_000;

const update = useKamailio('kamailio-timer-update');
const reinvite = useKamailio('kamailio-timer-reinvite');
const tooSmall = useKamailio('kamailio-timer-422');
const expiry = useKamailio('kamailio-timer-expiry');
const replayChecked = useKamailio('kamailio-timer-422-nonce-count', { nonceCount: true });

/** SIPp with `scenario` on `on`'s Kamailio, and alice registered there, calling it. */
async function callSipp(on: Scenario, scenario: string, options: NodeUAOptions = {}) {
  const sipp = await startSippUas({
    scenario,
    port: on.kamailio.ports.sipp,
    dir: on.kamailio.dir,
    registry: on.registry,
    timeoutSeconds: 90,
  });
  try {
    const alice = on.ua('alice', options);
    await startRegistered(alice);
    const session = alice.ua.call(SIPP);
    await sessionEvent(session, 'confirmed');
    return { sipp, alice, session };
  } catch (error) {
    await sipp.process.stop(); // it would wait for its -timeout otherwise
    throw error;
  }
}

/**
 * Runs `check` on a call to SIPp, then hangs up and waits for SIPp's verdict. A failed check
 * stops SIPp at once (it would wait for its -timeout otherwise) and is rethrown.
 */
async function checkThenHangUp(
  call: Awaited<ReturnType<typeof callSipp>>,
  check: () => Promise<void>,
): Promise<{ code: number | string; log: string }> {
  try {
    await check();
  } catch (error) {
    await call.sipp.process.stop();
    throw error;
  } finally {
    call.session.terminate();
  }
  return sippOutcome(call.sipp);
}

/** SIPp's exit code, with its screen log for the failure message. */
async function sippOutcome(sipp: Sipp): Promise<{ code: number | string; log: string }> {
  const code = await sipp.process.exited;
  return { code, log: readFileSync(sipp.screenLog, 'utf8') };
}

test.concurrent(
  'refresher (refresher=uac in the 200): an UPDATE without SDP at 45 s, SIPp answers 200',
  async ({ expect }) => {
    const call = await callSipp(update, 'uas-timer-update.xml');
    const { alice, session } = call;
    const { code, log } = await checkThenHangUp(call, async () => {
      const [answer] = alice.wire.framesOf('received', 'SIP/2.0 200', 'INVITE');
      await waitUntil(
        'the UPDATE refresh to be answered',
        () => (alice.wire.receivedStatuses('UPDATE').includes(200) ? true : undefined),
        REFRESH_MS + 10_000,
        250,
      );
      const updates = alice.wire.framesOf('sent', 'UPDATE ');
      expect(updates, alice.wire.summary()).toHaveLength(1);
      const [refresh] = updates;
      const after = (refresh?.at ?? 0) - (answer?.at ?? 0);
      expect(after).toBeGreaterThanOrEqual(REFRESH_MS - SLACK_MS);
      expect(after).toBeLessThanOrEqual(REFRESH_MS + SLACK_MS);
      expect(refresh?.text).toMatch(/^Session-Expires: 90;refresher=uac\r$/m);
      // A refresh changes nothing in the session: no offer in it.
      expect(refresh?.text).not.toMatch(/^Content-Type:/im);
      expect(alice.wire.framesOf('sent', 'INVITE ')).toHaveLength(2); // the 407 retry, no more
      expect(session.status).toBe('confirmed');
    });
    expect(code, log).toBe(0);
  },
  LONG_TEST_MS,
);

test.concurrent(
  "refresher with session_timers_refresh_method 'INVITE': a re-INVITE with SDP at 45 s, 200, ACK",
  async ({ expect }) => {
    const call = await callSipp(reinvite, 'uas-timer-reinvite.xml', {
      configuration: { session_timers_refresh_method: 'INVITE' },
    });
    const { alice, session } = call;
    const { code, log } = await checkThenHangUp(call, async () => {
      const [answer] = alice.wire.framesOf('received', 'SIP/2.0 200', 'INVITE');
      await waitUntil(
        'the re-INVITE refresh to be answered',
        () =>
          alice.wire.framesOf('received', 'SIP/2.0 200', 'INVITE').length >= 2 ? true : undefined,
        REFRESH_MS + 10_000,
        250,
      );
      const invites = alice.wire.framesOf('sent', 'INVITE ');
      // The initial INVITE, its 407 retry, and the refresh (with the dialog's To-tag).
      expect(invites, alice.wire.summary()).toHaveLength(3);
      const refresh = invites[2];
      const after = (refresh?.at ?? 0) - (answer?.at ?? 0);
      expect(after).toBeGreaterThanOrEqual(REFRESH_MS - SLACK_MS);
      expect(after).toBeLessThanOrEqual(REFRESH_MS + SLACK_MS);
      expect(refresh?.text).toMatch(/^To: .*;tag=/m);
      expect(refresh?.text).toMatch(/^Session-Expires: 90;refresher=uac\r$/m);
      expect(refresh?.text).toMatch(/^Content-Type: application\/sdp\r$/m);
      expect(refresh?.text).toMatch(/\r\n\r\nv=0\r\n/);
      await waitUntil('the ACK of the refresh', () =>
        alice.wire.framesOf('sent', 'ACK ').length >= 3 ? true : undefined,
      );
      expect(alice.wire.framesOf('sent', 'UPDATE ')).toEqual([]);
      expect(session.status).toBe('confirmed');
    });
    expect(code, log).toBe(0);
  },
  LONG_TEST_MS,
);

test.concurrent(
  '422 with Min-SE: 120: the INVITE goes again once with Min-SE: 120, and SIPp answers 200',
  async ({ expect }) => {
    const { sipp, alice, session } = await callSipp(tooSmall, 'uas-timer-422.xml');
    session.terminate();
    const { code, log } = await sippOutcome(sipp);
    expect(code, log).toBe(0);
    const statuses = alice.wire.receivedStatuses('INVITE');
    expect(
      statuses.filter((s) => s === 422),
      alice.wire.summary(),
    ).toHaveLength(1);
    expect(statuses.at(-1)).toBe(200);
    const retried = alice.wire
      .framesOf('sent', 'INVITE ')
      .filter((f) => /^Min-SE: 120\r$/m.test(f.text));
    expect(retried.length).toBeGreaterThanOrEqual(1);
    for (const invite of retried) expect(invite.text).toMatch(/^Session-Expires: 120\b/m);
  },
);

// After the 422 the INVITE goes again with fresh credentials for the same challenge (same
// nonce, nc=00000002, a new response: RFC 7616 §3.4), so a Kamailio with auth's nonce_count
// (replay protection) accepts it.
test.concurrent(
  '422 through a proxy that refuses replayed nonce counts: the retry authenticates afresh',
  async ({ expect }) => {
    const { sipp, alice, session } = await callSipp(replayChecked, 'uas-timer-422.xml');
    session.terminate();
    const { code, log } = await sippOutcome(sipp);
    expect(code, log).toBe(0);
    const credentials = alice.wire
      .framesOf('sent', 'INVITE ')
      .map((f) => /^Proxy-Authorization: .*nonce="([^"]+)".*nc=([0-9a-f]+)/im.exec(f.text))
      .filter((m) => m !== null)
      .map((m) => `${m[1]}/${m[2]}`);
    expect(new Set(credentials).size, alice.wire.summary()).toBe(credentials.length);
  },
);

test.concurrent(
  'non-refresher (refresher=uas, and SIPp never refreshes): BYE with a Reason at 60 s',
  async ({ expect }) => {
    const { sipp, alice, session } = await callSipp(expiry, 'uas-timer-expiry.xml');
    const ended = await sessionEvent(session, 'ended', EXPIRY_MS + 10_000);
    expect(ended.originator).toBe('system');
    expect(ended.cause).toBe('Session Timer Expired');
    const { code, log } = await sippOutcome(sipp);
    expect(code, log).toBe(0);

    // Timed by SIPp's own log: from its 200 to the moment the BYE reached it.
    const seen = readSippLog(sipp.messageLog);
    const ok = findSippEntry(seen, 'sent', 'SIP/2.0 200', 'INVITE');
    const bye = findSippEntry(seen, 'received', 'BYE ');
    const after = (bye?.at ?? 0) - (ok?.at ?? 0);
    expect(after).toBeGreaterThanOrEqual(EXPIRY_MS - SLACK_MS);
    expect(after).toBeLessThanOrEqual(EXPIRY_MS + SLACK_MS);
    expect(bye?.text).toMatch(/^Reason: SIP;cause=408;text="Session Timer Expired"$/m);
    expect(alice.wire.framesOf('sent', 'UPDATE ')).toEqual([]);
    expect(alice.wire.framesOf('sent', 'INVITE ')).toHaveLength(2);
  },
  LONG_TEST_MS,
);
