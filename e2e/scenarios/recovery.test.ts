// Kamailio crashes and comes back on the same ports: our UA reconnects and registers again.
import { expect, test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { nextEvent, startRegistered, type TracedUA } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';
import { waitUntil } from '../harness/wait.js';

const scenario = useKamailio('kamailio-recovery');

// Small recovery intervals so the test waits seconds, not the default 2-30 s.
const MAX_INTERVAL_S = 3;
const recovering = {
  configuration: {
    connection_recovery_min_interval: 1,
    connection_recovery_max_interval: MAX_INTERVAL_S,
  },
};
// The next attempt after a restart starts at most MAX_INTERVAL_S later; allow for the handshake
// (and then the REGISTER/401/REGISTER/200 exchange) on a loaded CI machine.
const RECONNECT_BUDGET_MS = MAX_INTERVAL_S * 1000 + 500;
const RECOVERY_BUDGET_MS = MAX_INTERVAL_S * 1000 + 1500;

/** Milliseconds from `since` until the UA's next `event`. */
async function elapsedUntil(
  traced: TracedUA,
  event: 'connected' | 'registered',
  since: () => number,
): Promise<number> {
  await nextEvent(traced.ua, event, RECOVERY_BUDGET_MS + 3000);
  return Date.now() - since();
}

test('killed while registered: the UA reconnects within the recovery interval and re-registers', async () => {
  const alice = scenario.ua('alice', recovering);
  const bob = scenario.ua('bob', recovering);
  await Promise.all([startRegistered(alice), startRegistered(bob)]);

  const lost = nextEvent(alice.ua, 'unregistered');
  const disconnected = nextEvent(alice.ua, 'disconnected');
  await scenario.kamailio.kill();
  expect((await disconnected).error).toBe(true);
  expect((await lost).cause).toBe('Connection Error');
  expect(alice.ua.isRegistered()).toBe(false);

  // Down long enough for at least one refused reconnection attempt.
  await new Promise((resolve) => setTimeout(resolve, 1500));
  let restartedAt = Number.NaN;
  const since = (): number => restartedAt;
  const timings = Promise.all([
    elapsedUntil(alice, 'connected', since),
    elapsedUntil(alice, 'registered', since),
    elapsedUntil(bob, 'registered', since),
  ]);
  await scenario.kamailio.restart();
  restartedAt = Date.now();
  const [aliceConnected, aliceRegistered, bobRegistered] = await timings;
  expect(aliceConnected).toBeLessThanOrEqual(RECONNECT_BUDGET_MS);
  expect(aliceRegistered).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  expect(bobRegistered).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  expect(await scenario.kamailio.bindingsOf('alice')).toHaveLength(1);

  // The new bindings route: a MESSAGE crosses the restarted proxy.
  const received = nextEvent(alice.ua, 'newMessage');
  const result = await bob.ua.sendMessage(`sip:alice@${SIP_DOMAIN}`, 'back again');
  expect(result.ok, bob.wire.summary()).toBe(true);
  expect((await received).message.body).toBe('back again');
});

// A REGISTER in flight when the connection drops fails at once (the transaction layer's
// connectionLost, RFC 3261 §17.1.4), so the register() after the reconnection goes out at once
// instead of waiting ~32 s for Timer F of the dead request.
test('killed with a REGISTER in flight: the UA re-registers once it reconnects', async () => {
  const carol = scenario.ua('carol', recovering);
  await startRegistered(carol);

  // Freeze Kamailio, send a refresh it will never answer, then crash it.
  scenario.kamailio.pause();
  const before = carol.wire.sentRequests('REGISTER').length;
  carol.ua.register();
  await waitUntil('the refresh REGISTER to go out', () =>
    carol.wire.sentRequests('REGISTER').length > before ? true : undefined,
  );
  await scenario.kamailio.kill();
  let restartedAt = Number.NaN;
  const registered = elapsedUntil(carol, 'registered', () => restartedAt);
  await scenario.kamailio.restart();
  restartedAt = Date.now();

  expect(await registered).toBeLessThanOrEqual(RECOVERY_BUDGET_MS);
  expect(await scenario.kamailio.bindingsOf('carol')).toHaveLength(1);
});
