// Issue 24, OPTIONS keep-alive against Kamailio: our Node UA pings with out-of-dialog OPTIONS
// (Max-Forwards 0, which Kamailio answers itself, 483), never with CRLF; then Kamailio is frozen
// (SIGSTOP of its group: the WebSocket stays open and carries nothing) and the UA must find the
// flow dead within one interval plus the keep-alive timeout.
import { expect, test } from 'vitest';
import { nextEvent, startRegistered } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';
import { waitUntil } from '../harness/wait.js';

const scenario = useKamailio('keepalive-options');

const INTERVAL_S = 2;
const TIMEOUT_S = 2;

test('OPTIONS pings are answered by Kamailio; frozen, the dead flow is found within interval + timeout', async () => {
  const alice = scenario.ua('ka-alice', {
    uaOptions: {
      keepAliveMethod: 'options',
      keepAliveInterval: INTERVAL_S,
      keepAliveTimeout: TIMEOUT_S,
      stopTimeout: 500,
    },
  });
  await startRegistered(alice);
  await waitUntil('two OPTIONS pings answered', async () =>
    alice.wire.receivedStatuses('OPTIONS').length >= 2 ? true : undefined,
  );
  const options = alice.wire.sentRequests('OPTIONS');
  expect(options[0]).toMatch(/^Max-Forwards: 0\r?$/m);
  expect(alice.wire.receivedStatuses('OPTIONS').slice(0, 2)).toEqual([483, 483]);
  expect(alice.wire.framesOf('sent', '\r\n')).toEqual([]);
  expect(alice.ua.isConnected()).toBe(true);

  const lost = nextEvent(alice.ua, 'disconnected', (INTERVAL_S + TIMEOUT_S + 5) * 1000);
  const frozenAt = Date.now();
  scenario.kamailio.pause();
  const { error, reason } = await lost;
  const elapsed = Date.now() - frozenAt;
  console.log(
    `keepalive-options | Kamailio answered ${alice.wire.receivedStatuses('OPTIONS').length} OPTIONS pings (483); frozen: dead flow found after ${elapsed} ms (bound ${(INTERVAL_S + TIMEOUT_S) * 1000} ms): ${reason}`,
  );
  expect(error).toBe(true);
  expect(reason).toContain('no keep-alive answer');
  // One interval (at most) to the next ping, then the timeout; 500 ms for a loaded machine.
  expect(elapsed).toBeLessThanOrEqual((INTERVAL_S + TIMEOUT_S) * 1000 + 500);
  // The same recovery as the CRLF keep-alive's: reconnect and register again once it is back.
  await scenario.kamailio.kill();
  const registered = nextEvent(alice.ua, 'registered', 15_000);
  await scenario.kamailio.restart();
  await registered;
  expect(alice.ua.isConnected()).toBe(true);
});
