import { DigestAuthenticator, DigestCredentials, type HeaderEntry } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { SipNetwork } from '../network/sip-network.js';
import { RawPhone, settle } from './raw-phone.fixture.js';
import { SipProxyServer, type SipProxyServerOptions } from './sip-proxy-server.js';

// Issue 19: hostile input reaches the registrar/proxy from any client. Each test here failed on
// the proxy before the fix (a throw out of messageReceived, a forwarded malformed header, a
// hijacked route, an unchallenged caller-ID, state without bound).

async function setup(options: SipProxyServerOptions = {}) {
  const log: string[] = [];
  const server = new SipProxyServer({ log: (line) => log.push(line), ...options });
  const network = new SipNetwork({ endpoint: server });
  const phone = async (user: string, register = true, domain = 'sip.test') => {
    const p = new RawPhone(network, user);
    p.socket.connect();
    await settle();
    if (register) {
      p.send('REGISTER', `sip:${domain}`, [['Expires', '600']], { to: `<sip:${user}@${domain}>` });
      await settle();
    }
    return p;
  };
  return { server, phone, log };
}

/** Answers the challenge a request got (401 or 407) with digest credentials and sends it again. */
async function withCredentials(
  p: RawPhone,
  method: string,
  ruri: string,
  password: string,
  extra: HeaderEntry[] = [],
  options: { to?: string } = {},
): Promise<void> {
  p.send(method, ruri, extra, options);
  await settle();
  const challenged = p.responses().at(-1);
  const proxy = challenged?.status === 407;
  const challenge = challenged?.parsed(proxy ? 'proxy-authenticate' : 'www-authenticate')?.[0];
  if (challenge === undefined) throw new Error(`no challenge to ${method}`);
  const authenticator = new DigestAuthenticator(
    new DigestCredentials({ username: p.user, password }),
  );
  const authorization = await authenticator.authorize(challenge, { method, uri: ruri });
  p.send(
    method,
    ruri,
    [...extra, [proxy ? 'Proxy-Authorization' : 'Authorization', authorization]],
    options,
  );
  await settle();
  await settle();
}

const nulFrom = (method: string, ruri: string, host: string) =>
  [
    `${method} ${ruri} SIP/2.0`,
    `Via: SIP/2.0/WS ${host};branch=z9hG4bKnul${method}`,
    'Max-Forwards: 70',
    `From: "ev\0il" <sip:mallory@sip.test>;tag=m1`,
    `To: <${ruri}>`,
    `Call-ID: nul-${method}`,
    `CSeq: 1 ${method}`,
    `Contact: <sip:mallory@${host};transport=ws>`,
    'Content-Length: 0',
    '',
    '',
  ].join('\r\n');

describe('SipProxyServer: a message the serializer refuses never takes it down', () => {
  it('answers a NUL in a quoted From with a minimal 400 and keeps serving', async () => {
    const { phone, log } = await setup();
    const mallory = await phone('mallory', false);
    mallory.socket.send(nulFrom('OPTIONS', 'sip:sip.test', mallory.host));
    await settle();
    const bad = mallory.responses(400)[0];
    expect(bad?.callId).toBe('nul-OPTIONS');
    expect(bad?.via[0]?.branch).toBe('z9hG4bKnulOPTIONS');
    expect(bad?.header('from')).toBe('"evil" <sip:mallory@sip.test>;tag=m1');
    expect(log.some((l) => l.includes('refused an unparsable message'))).toBe(true);
    mallory.send('OPTIONS', 'sip:sip.test');
    await settle();
    expect(mallory.responses(200)).toHaveLength(1);
  });

  it('refuses to forward an INVITE whose From holds a NUL: 400 back, nothing to the callee', async () => {
    const { phone } = await setup();
    const bob = await phone('bob');
    const mallory = await phone('mallory', false);
    mallory.socket.send(nulFrom('INVITE', 'sip:bob@sip.test', mallory.host));
    await settle();
    expect(mallory.responses(400)).toHaveLength(1);
    expect(bob.requests('INVITE')).toEqual([]);
  });
});

describe('SipProxyServer: an authenticated request that cannot be routed', () => {
  it('gets 400 rather than an unhandled rejection', async () => {
    const { phone, log } = await setup({ users: { alice: 'a' } });
    const alice = await phone('alice', false);
    await withCredentials(alice, 'MESSAGE', 'mailto:bob@sip.test', 'a', [], {
      to: '<sip:bob@sip.test>',
    });
    expect(alice.responses().at(-1)?.status).toBe(400);
    expect(log.some((l) => l.includes('MESSAGE refused'))).toBe(true);
  });
});

describe('SipProxyServer: malformed routing headers are not passed on (finding 5)', () => {
  it('answers 400 to a request with a malformed Record-Route, Route or Contact', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    for (const header of [
      ['Record-Route', '<sip:broken'],
      ['Route', '<sip:bob@sip.test;lr'],
      ['Contact', '<sip:alice@'],
    ] as const) {
      alice.send('INVITE', 'sip:bob@sip.test', [header]);
      await settle();
      expect(alice.responses().at(-1)?.status, header[0]).toBe(400);
    }
    expect(bob.requests('INVITE')).toEqual([]);
  });

  it('turns a 2xx with a malformed Record-Route into a 502 for the caller', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    bob.reply(bob.requests('INVITE')[0]!, 200, 'bobtag', [['Record-Route', '<sip:broken']]);
    await settle();
    const finals = alice.responses().filter((r) => r.status >= 200 && r.cseq.method === 'INVITE');
    expect(finals.map((r) => r.status)).toEqual([502]);
  });
});

describe('SipProxyServer: routing cannot be captured (finding 3)', () => {
  it('a connection that never registered cannot take over a registered contact host', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    const mallory = await phone('mallory', false);
    mallory.send('OPTIONS', 'sip:sip.test', [['Contact', `<sip:x@${bob.host};transport=ws>`]]);
    await settle();
    // Bob's BYE-like in-dialog request to a contact host goes to bob, not to the last claimant.
    alice.send('BYE', `sip:bob@${bob.host};transport=ws`, [], { to: '<sip:bob@sip.test>;tag=b' });
    await settle();
    expect(bob.requests('BYE')).toHaveLength(1);
    expect(mallory.requests('BYE')).toEqual([]);
  });

  it('no Contact captures the initial requests of a domain served here', async () => {
    const { phone } = await setup({ domains: ['example.com'] });
    const alice = await phone('alice', true, 'example.com');
    const bob = await phone('bob', true, 'example.com');
    const mallory = await phone('mallory', false);
    mallory.send('OPTIONS', 'sip:sip.test', [['Contact', '<sip:x@example.com;transport=ws>']]);
    await settle();
    alice.send('INVITE', 'sip:bob@example.com');
    await settle();
    expect(bob.requests('INVITE')).toHaveLength(1);
    expect(mallory.requests('INVITE')).toEqual([]);
  });

  it('with users, an unauthenticated request teaches no contact host', async () => {
    const { phone } = await setup({ users: { alice: 'a', bob: 'b' } });
    const alice = await phone('alice', false);
    const bob = await phone('bob', false);
    const to = (user: string) => ({ to: `<sip:${user}@sip.test>` });
    await withCredentials(
      alice,
      'REGISTER',
      'sip:sip.test',
      'a',
      [['Expires', '600']],
      to('alice'),
    );
    await withCredentials(bob, 'REGISTER', 'sip:sip.test', 'b', [['Expires', '600']], to('bob'));
    const mallory = await phone('mallory', false);
    // A stranger's requests, challenged or from a foreign domain, never teach the proxy a host.
    mallory.send('OPTIONS', 'sip:sip.test', [
      ['From', '<sip:m@evil.example>;tag=m'],
      ['Contact', `<sip:x@${bob.host};transport=ws>`],
    ]);
    await settle();
    alice.send('BYE', `sip:bob@${bob.host};transport=ws`, [], { to: '<sip:bob@sip.test>;tag=b' });
    await settle();
    expect(bob.requests('BYE')).toHaveLength(1);
    expect(mallory.requests('BYE')).toEqual([]);
  });

  it('with users, challenges every From that claims a local identity, configured or not', async () => {
    const { phone } = await setup({ users: { alice: 'a', bob: 'b' } });
    const alice = await phone('alice', false);
    await withCredentials(alice, 'REGISTER', 'sip:sip.test', 'a', [['Expires', '600']], {
      to: '<sip:alice@sip.test>',
    });
    const mallory = await phone('mallory', false);
    for (const from of [
      '"bob" <sip:Bob@sip.test>;tag=m',
      '<sip:carol@sip.test>;tag=m',
      '<tel:+15550100>;tag=m',
    ]) {
      mallory.send('MESSAGE', 'sip:alice@sip.test', [['From', from]]);
      await settle();
      expect(mallory.responses().at(-1)?.status, from).toBe(407);
    }
    // A made-up to-tag does not dodge the challenge: in-dialog requests must follow a dialog.
    mallory.send('MESSAGE', 'sip:alice@sip.test', [['From', '<sip:bob@sip.test>;tag=m']], {
      to: '<sip:alice@sip.test>;tag=forged',
    });
    await settle();
    expect(mallory.responses().at(-1)?.status).toBe(403);
    mallory.send('ACK', 'sip:alice@sip.test', [['From', '<sip:bob@sip.test>;tag=m']], {
      to: '<sip:alice@sip.test>;tag=forged',
    });
    await settle();
    expect(alice.requests('MESSAGE')).toEqual([]);
    expect(alice.requests('ACK')).toEqual([]);
  });
});

describe('SipProxyServer: bounded state (finding 6)', () => {
  it('answers 503 past maxContactsPerAor and maxRegistrations, with a log line', async () => {
    const { phone, server, log } = await setup({
      limits: { maxContactsPerAor: 2, maxRegistrations: 3 },
    });
    const bobs = [await phone('bob'), await phone('bob'), await phone('bob')];
    expect(bobs.map((b) => b.responses().at(-1)?.status)).toEqual([200, 200, 503]);
    expect(bobs[2]?.responses().at(-1)?.reason).toBe('Too Many Contacts');
    const alice = await phone('alice');
    const carol = await phone('carol');
    expect(alice.responses().at(-1)?.status).toBe(200);
    expect(carol.responses().at(-1)?.reason).toBe('Registrar Full');
    expect(server.location.count()).toBe(3);
    expect(log.filter((l) => l.includes('REGISTER refused'))).toHaveLength(2);
  });

  it('answers 503 past maxPendingPerConnection', async () => {
    const { phone, log } = await setup({ limits: { maxPendingPerConnection: 2 } });
    const alice = await phone('alice');
    const bob = await phone('bob');
    for (let i = 0; i < 3; i++) alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    expect(bob.requests('INVITE')).toHaveLength(2);
    expect(alice.responses(503)).toHaveLength(1);
    expect(log.some((l) => l.includes('maxPendingPerConnection'))).toBe(true);
  });

  it('learns at most maxAliasesPerConnection contact hosts per connection', async () => {
    const { phone, log } = await setup({ limits: { maxAliasesPerConnection: 1 } });
    const alice = await phone('alice');
    const hosts = ['a1.invalid', 'a2.invalid'];
    alice.send('OPTIONS', 'sip:sip.test', [
      ['Contact', hosts.map((h) => `<sip:alice@${h};transport=ws>`).join(', ')],
    ]);
    await settle();
    expect(log.some((l) => l.includes('a1.invalid not learned: limit'))).toBe(true);
  });
});
