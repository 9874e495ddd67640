// A wrong password against Kamailio's digest check: one authenticated retry, then a failure.
import { expect, test } from 'vitest';
import { nextEvent } from '../harness/node-ua.js';
import { useKamailio } from '../harness/scenario.js';

const scenario = useKamailio('kamailio-auth-failure');

test('a wrong password gets exactly one authenticated retry, then Authentication Error', async () => {
  const mallory = scenario.ua('mallory', { password: 'not-the-password' });
  const failed = nextEvent(mallory.ua, 'registrationFailed');
  let registered = false;
  mallory.ua.on('registered', () => (registered = true));
  mallory.ua.start();

  const { cause, response } = await failed;
  expect(cause).toBe('Authentication Error');
  expect(response?.status).toBe(401);

  // Give a looping UA time to show itself: nothing more may go out after the failure.
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const registers = mallory.wire.sentRequests('REGISTER');
  expect(registers, mallory.wire.summary()).toHaveLength(2);
  expect(registers[0]).not.toMatch(/^Authorization:/im);
  expect(registers[1]).toMatch(/^Authorization: Digest .*username="mallory"/im);
  expect(mallory.wire.receivedStatuses('REGISTER')).toEqual([401, 401]);
  expect(registered).toBe(false);
  expect(mallory.ua.isRegistered()).toBe(false);
  expect(await scenario.kamailio.bindingsOf('mallory')).toEqual([]);
});

test('the right user next to it still registers (the failure is about the password)', async () => {
  const alice = scenario.ua('alice');
  const registered = nextEvent(alice.ua, 'registered');
  alice.ua.start();
  await registered;
  expect(await scenario.kamailio.bindingsOf('alice')).toHaveLength(1);
});
