// Registration and out-of-dialog requests between two of our UAs in Node, through Kamailio.
import { expect, test } from 'vitest';
import { SIP_DOMAIN } from '../harness/kamailio.js';
import { nextEvent, startRegistered } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';
import { waitUntil } from '../harness/wait.js';

const scenario = useKamailio('kamailio-registration');

test('alice registers with digest auth and Kamailio holds her binding', async () => {
  const alice = scenario.ua('alice');
  await startRegistered(alice);

  // One challenge, one authenticated REGISTER (RFC 3261 §22.2).
  expect(alice.wire.receivedStatuses('REGISTER'), alice.wire.summary()).toEqual([401, 200]);
  const [binding, ...others] = await scenario.kamailio.bindingsOf('alice');
  expect(others).toEqual([]);
  // RFC 7118 §5.2: the Contact host is made up; Kamailio routes by where the REGISTER came from.
  expect(binding?.address).toMatch(/^sip:[^@]+@[^;]+\.invalid;transport=ws/);
  expect(binding?.received).toMatch(/^sip:127\.0\.0\.1:\d+;transport=ws$/);
  expect(binding?.expires).toBeGreaterThan(0);
});

test('a MESSAGE from alice reaches bob through Kamailio (proxy auth on the way)', async () => {
  const alice = scenario.ua('alice-msg');
  const bob = scenario.ua('bob');
  await Promise.all([startRegistered(alice), startRegistered(bob)]);

  const received = nextEvent(bob.ua, 'newMessage');
  const result = await alice.ua.sendMessage(`sip:bob@${SIP_DOMAIN}`, 'hi bob');
  expect(result.ok, alice.wire.summary()).toBe(true);
  // Kamailio challenges requests from WebSocket UAs with 407; we answer it once.
  expect(alice.wire.receivedStatuses('MESSAGE')).toEqual([407, 200]);

  const { originator, message } = await received;
  expect(originator).toBe('remote');
  expect(message.body).toBe('hi bob');
  expect(message.contentType).toMatch(/^text\/plain/);
  expect(message.from.uri).toBe(alice.aor);
  expect(message.to.uri).toBe(`sip:bob@${SIP_DOMAIN}`);
});

test('an OPTIONS from bob reaches alice and her 200 comes back', async () => {
  const alice = scenario.ua('alice-options');
  const bob = scenario.ua('bob-options');
  await Promise.all([startRegistered(alice), startRegistered(bob)]);

  const asked = nextEvent(alice.ua, 'newOptions');
  const result = await bob.ua.sendOptions(`sip:alice-options@${SIP_DOMAIN}`);
  expect(result.ok, bob.wire.summary()).toBe(true);
  await asked;
  if (result.ok) expect(result.response.header('allow')).toMatch(/MESSAGE/);
});

test('after alice unregisters, Kamailio forgets her and a MESSAGE to her is 404', async () => {
  const alice = scenario.ua('alice-gone');
  const bob = scenario.ua('bob-gone');
  await Promise.all([startRegistered(alice), startRegistered(bob)]);
  expect(await scenario.kamailio.bindingsOf('alice-gone')).toHaveLength(1);

  const unregistered = nextEvent(alice.ua, 'unregistered');
  alice.ua.unregister();
  const { response } = await unregistered;
  expect(response?.status).toBe(200);
  expect(alice.ua.isRegistered()).toBe(false);
  await waitUntil('the binding to go', async () =>
    (await scenario.kamailio.bindingsOf('alice-gone')).length === 0 ? true : undefined,
  );

  const result = await bob.ua.sendMessage(`sip:alice-gone@${SIP_DOMAIN}`, 'still there?');
  expect(result.ok).toBe(false);
  if (!result.ok) {
    expect(result.response?.status).toBe(404);
    expect(result.cause).toBe('Not Found');
  }
});
