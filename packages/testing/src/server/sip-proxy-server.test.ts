import { DigestAuthenticator, DigestCredentials } from '@sipkit/core';
import { describe, expect, it } from 'vitest';
import { SipNetwork } from '../network/sip-network.js';
import { RawPhone, settle } from './raw-phone.fixture.js';
import { SipProxyServer, type SipProxyServerOptions } from './sip-proxy-server.js';

async function setup(options: SipProxyServerOptions = {}) {
  let now = 1_000_000;
  const log: string[] = [];
  const server = new SipProxyServer({
    now: () => now,
    log: (line) => {
      log.push(line);
      if (process.env.PROXY_LOG) console.log(line);
    },
    ...options,
  });
  const network = new SipNetwork({ endpoint: server });
  const phone = async (user: string, register = true) => {
    const p = new RawPhone(network, user);
    p.socket.connect();
    await settle();
    if (register) {
      p.send('REGISTER', 'sip:sip.test', [['Expires', '600']], { to: `<sip:${user}@sip.test>` });
      await settle();
    }
    return p;
  };
  return { server, network, phone, log, advance: (seconds: number) => (now += seconds * 1000) };
}

describe('SipProxyServer: registrar', () => {
  it('binds a contact and lists it with its lifetime in the 200', async () => {
    const { phone, server } = await setup();
    const alice = await phone('alice');
    const ok = alice.responses(200)[0];
    expect(ok?.headers('contact')).toEqual([`${alice.contact};expires=600`]);
    expect(ok?.to.tag).toBeDefined();
    expect(server.location.lookup('alice@sip.test')).toHaveLength(1);
  });

  it('answers 423 with Min-Expires for too short a registration', async () => {
    const { phone } = await setup({ minExpires: 60 });
    const alice = await phone('alice', false);
    alice.send('REGISTER', 'sip:sip.test', [['Expires', '30']], { to: '<sip:alice@sip.test>' });
    await settle();
    expect(alice.responses(423)[0]?.header('min-expires')).toBe('60');
  });

  it('lets bindings expire and removes them with Expires: 0 or *', async () => {
    const { phone, server, advance } = await setup();
    const alice = await phone('alice');
    advance(601);
    expect(server.location.lookup('alice@sip.test')).toEqual([]);
    alice.send('REGISTER', 'sip:sip.test', [['Expires', '600']], { to: '<sip:alice@sip.test>' });
    await settle();
    expect(server.location.lookup('alice@sip.test')).toHaveLength(1);
    alice.send('REGISTER', 'sip:sip.test', [['Expires', '0']], { to: '<sip:alice@sip.test>' });
    await settle();
    expect(server.location.lookup('alice@sip.test')).toEqual([]);
  });

  it('rejects a wildcard Contact without Expires: 0', async () => {
    const { phone } = await setup();
    const alice = await phone('alice', false);
    alice.send(
      'REGISTER',
      'sip:sip.test',
      [
        ['Contact', '*'],
        ['Expires', '5'],
      ],
      { to: '<sip:alice@sip.test>' },
    );
    await settle();
    expect(alice.responses(400)).toHaveLength(1);
  });

  it('challenges, then accepts the right digest credentials and refuses the wrong ones', async () => {
    const { phone, server } = await setup({ users: { alice: 'secret' } });
    for (const [password, expected] of [
      ['wrong', 401],
      ['secret', 200],
    ] as const) {
      const alice = await phone('alice', false);
      alice.send('REGISTER', 'sip:sip.test', [['Expires', '600']], { to: '<sip:alice@sip.test>' });
      await settle();
      const challenge = alice.responses(401)[0]?.parsed('www-authenticate')?.[0];
      expect(challenge?.params['realm']).toBe('sip.test');
      const authenticator = new DigestAuthenticator(
        new DigestCredentials({ username: 'alice', password }),
      );
      const authorization = await authenticator.authorize(challenge!, {
        method: 'REGISTER',
        uri: 'sip:sip.test',
      });
      alice.send(
        'REGISTER',
        'sip:sip.test',
        [
          ['Expires', '600'],
          ['Authorization', authorization],
        ],
        {
          to: '<sip:alice@sip.test>',
        },
      );
      await settle();
      await settle();
      expect(alice.responses().at(-1)?.status).toBe(expected);
    }
    expect(server.location.lookup('alice@sip.test')).toHaveLength(1);
  });

  it('hands out GRUUs and Require: outbound to an outbound-capable UA (RFC 5626, RFC 5627)', async () => {
    const { phone } = await setup();
    const alice = await phone('alice', false);
    const instance = '"<urn:uuid:8f1fa16a-1165-4a96-8341-785b1ef24f12>"';
    alice.send(
      'REGISTER',
      'sip:sip.test',
      [
        ['Contact', `${alice.contact};+sip.instance=${instance};reg-id=1`],
        ['Supported', 'path, gruu, outbound'],
        ['Expires', '600'],
      ],
      {
        to: '<sip:alice@sip.test>',
      },
    );
    await settle();
    const ok = alice.responses(200)[0];
    const contact = ok?.parsed('contact')?.contacts.find((c) => c.regId === 1);
    expect(contact?.pubGruu).toBe(
      'sip:alice@sip.test;gr=urn:uuid:8f1fa16a-1165-4a96-8341-785b1ef24f12',
    );
    expect(contact?.tempGruu).toMatch(/^sip:tgruu\.[a-z0-9]+@sip\.test;gr$/);
    expect(ok?.parsed('require')).toContain('outbound');
  });
});

describe('SipProxyServer: proxy', () => {
  it('routes a call, record-routes it, and carries in-dialog requests both ways', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    const { callId } = alice.send('INVITE', 'sip:bob@sip.test', [], { body: 'v=0\r\n' });
    await settle();
    expect(alice.responses(100)).toHaveLength(1);
    const invite = bob.requests('INVITE')[0]!;
    expect(invite.requestUri).toBe(`sip:bob@${bob.host};transport=ws`);
    expect(invite.via).toHaveLength(2);
    expect(invite.header('record-route')).toBe('<sip:sip.test;transport=ws;lr>');
    expect(invite.parsed('max-forwards')).toBe(69);
    expect(invite.body).toBe('v=0\r\n');

    bob.reply(invite, 180);
    bob.reply(invite, 200);
    await settle();
    const ok = alice.responses(200).find((r) => r.callId === callId)!;
    expect(alice.responses(180)).toHaveLength(1);
    expect(ok.via).toHaveLength(1);
    expect(ok.header('record-route')).toBe('<sip:sip.test;transport=ws;lr>');

    // ACK and BYE follow the route set to the remote target (RFC 3261 §12.2.1.1).
    const dialog = { callId, to: ok.header('to')! };
    alice.send(
      'ACK',
      `sip:bob@${bob.host};transport=ws`,
      [['Route', '<sip:sip.test;transport=ws;lr>']],
      { ...dialog, cseq: 1 },
    );
    await settle();
    expect(bob.requests('ACK')).toHaveLength(1);
    expect(bob.requests('ACK')[0]?.header('route')).toBeUndefined();
    bob.send(
      'BYE',
      `sip:alice@${alice.host};transport=ws`,
      [['Route', '<sip:sip.test;transport=ws;lr>']],
      { callId, to: '<sip:alice@sip.test>;tag=alicetag' },
    );
    await settle();
    const bye = alice.requests('BYE')[0]!;
    expect(bye.callId).toBe(callId);
    alice.reply(bye, 200);
    await settle();
    expect(bob.responses(200).some((r) => r.cseq.method === 'BYE')).toBe(true);
  });

  it('forks to every contact, forwards the first 2xx and cancels the other branches', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const desk = await phone('bob');
    const mobile = await phone('bob');
    alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    const [deskInvite, mobileInvite] = [desk.requests('INVITE')[0]!, mobile.requests('INVITE')[0]!];
    desk.reply(deskInvite, 180, 'desk');
    mobile.reply(mobileInvite, 200, 'mobile');
    await settle();
    expect(alice.responses(200).find((r) => r.cseq.method === 'INVITE')?.to.tag).toBe('mobile');
    const cancel = desk.requests('CANCEL')[0]!;
    expect(cancel.via[0]?.branch).toBe(deskInvite.via[0]?.branch);
    desk.reply(cancel, 200, 'desk');
    desk.reply(deskInvite, 487, 'desk');
    await settle();
    expect(desk.requests('ACK')).toHaveLength(1); // the proxy ACKs the 487 itself
    expect(alice.responses(487)).toHaveLength(0); // the caller only sees the 2xx
  });

  it('sends the best final response when every branch fails (6xx wins, else lowest class)', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const desk = await phone('bob');
    const mobile = await phone('bob');
    alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    desk.reply(desk.requests('INVITE')[0]!, 486);
    await settle();
    expect(alice.responses().filter((r) => r.status >= 300)).toHaveLength(0);
    mobile.reply(mobile.requests('INVITE')[0]!, 503);
    await settle();
    expect(
      alice
        .responses()
        .filter((r) => r.status >= 300)
        .map((r) => r.status),
    ).toEqual([486]);
  });

  it('relays CANCEL from the caller and returns the 487', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    const { branch, callId, cseq } = alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    const invite = bob.requests('INVITE')[0]!;
    bob.reply(invite, 180);
    alice.send('CANCEL', 'sip:bob@sip.test', [], { branch, callId, cseq });
    await settle();
    expect(alice.responses(200).filter((r) => r.cseq.method === 'CANCEL')).toHaveLength(1);
    const cancel = bob.requests('CANCEL')[0]!;
    bob.reply(cancel, 200);
    bob.reply(invite, 487);
    await settle();
    expect(alice.responses(487)).toHaveLength(1);
    // The caller's ACK for the 487 ends at the proxy (hop by hop).
    alice.send('ACK', 'sip:bob@sip.test', [], { branch, callId, cseq });
    await settle();
    expect(bob.requests('ACK')).toHaveLength(1);
  });

  it('answers 481 to a CANCEL for no transaction', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    alice.send('CANCEL', 'sip:bob@sip.test');
    await settle();
    expect(alice.responses(481)).toHaveLength(1);
  });

  it('answers 404 for an unknown user and 480 for a known user with no contact', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    bob.send('REGISTER', 'sip:sip.test', [['Expires', '0']], { to: '<sip:bob@sip.test>' });
    await settle();
    alice.send('INVITE', 'sip:carol@sip.test');
    alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    expect(
      alice
        .responses()
        .filter((r) => r.status >= 300)
        .map((r) => r.status),
    ).toEqual([404, 480]);
  });

  it('fails a ringing branch with 480 when its connection is cut', async () => {
    const { phone, network } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    alice.send('INVITE', 'sip:bob@sip.test');
    await settle();
    bob.reply(bob.requests('INVITE')[0]!, 180);
    await settle();
    network.cut(bob.socket);
    await settle();
    expect(alice.responses(480)).toHaveLength(1);
  });

  it('answers 483 when Max-Forwards is exhausted and OPTIONS addressed to itself', async () => {
    const { phone } = await setup();
    const alice = await phone('alice');
    alice.send('MESSAGE', 'sip:bob@sip.test', [['Max-Forwards', '0']]);
    alice.send('OPTIONS', 'sip:sip.test');
    await settle();
    expect(alice.responses(483)).toHaveLength(1);
    expect(alice.responses(200).at(-1)?.header('allow')).toContain('INVITE');
  });

  it('drops an unparsable message and keeps serving the connection', async () => {
    const { phone, log } = await setup();
    const alice = await phone('alice');
    alice.socket.send('this is not SIP');
    alice.send('OPTIONS', 'sip:sip.test');
    await settle();
    expect(log.some((line) => line.includes('unparsable'))).toBe(true);
    expect(alice.responses(200).at(-1)?.cseq.method).toBe('OPTIONS');
  });

  it('absorbs a duplicated request instead of forking it twice', async () => {
    const { phone, network } = await setup();
    const alice = await phone('alice');
    const bob = await phone('bob');
    const { matches } = await import('../network/fault-plan.js');
    network.faults.duplicate(matches.request('MESSAGE'), { direction: 'to-server' });
    alice.send('MESSAGE', 'sip:bob@sip.test', [['Content-Type', 'text/plain']], { body: 'hi' });
    await settle();
    expect(bob.requests('MESSAGE')).toHaveLength(1);
    bob.reply(bob.requests('MESSAGE')[0]!, 200);
    await settle();
    expect(alice.responses(200).filter((r) => r.cseq.method === 'MESSAGE')).toHaveLength(1);
  });
});
