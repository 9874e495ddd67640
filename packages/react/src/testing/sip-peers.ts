import {
  createResponse,
  parseMessage,
  serializeMessage,
  subscriptions,
  UserAgent,
  type HeaderEntry,
  type IncomingRequest,
  type Notifier,
} from '@sipkit/core';
import type { SipNetwork } from '@sipkit/testing';

/**
 * A core UA on the testbed that serves subscriptions to any event package: every SUBSCRIBE gets
 * a notifier (kept in `notifiers` by event), started at once with the current state of that
 * event (pending for authorization when asked to).
 */
export function notifierPeer(network: SipNetwork, user: string) {
  const ua = new UserAgent({ uri: `sip:${user}@sip.test`, sockets: network.createSocket(user) });
  const events = subscriptions(ua);
  const notifiers = new Map<string, Notifier[]>();
  const state = new Map<string, { readonly body: string; readonly contentType: string }>();
  let pending = false;
  ua.on('newSubscribe', ({ event, request }) => {
    const current = state.get(event.type);
    const notifier = events.notify(request, current?.contentType ?? 'text/plain', { pending });
    const list = notifiers.get(event.type) ?? [];
    list.push(notifier);
    notifiers.set(event.type, list);
    notifier.on('terminated', () => list.splice(list.indexOf(notifier), 1));
    notifier.start();
    notifier.notify(current?.body);
  });
  return {
    ua,
    notifiers,
    /** New subscriptions wait for authorization (RFC 6665 §4.2.1.2) until `authorize()`. */
    holdPending(): void {
      pending = true;
    },
    /** Sets the state of `event` and notifies every live subscription of it. */
    publish(event: string, contentType: string, body: string): void {
      state.set(event, { body, contentType });
      for (const notifier of notifiers.get(event) ?? []) notifier.notify(body);
    },
  };
}

/**
 * A hand-driven SIP endpoint on the testbed (a PBX, a presence state server): registers an AOR,
 * sends out-of-dialog requests and answers what it receives as the test scripts.
 */
export function rawPeer(network: SipNetwork, user: string) {
  const socket = network.createSocket(`${user}-raw`);
  const host = `${user}-raw.invalid`;
  const received: IncomingRequest[] = [];
  const statuses: number[] = [];
  let cseq = 0;
  let counter = 0;
  socket.ondata = (text) => {
    const message = parseMessage(text);
    if (message.kind === 'request') received.push(message);
    else statuses.push(message.status);
  };
  function send(
    method: string,
    ruri: string,
    headers: HeaderEntry[],
    body?: string,
    to = `<${ruri}>`,
  ): void {
    counter += 1;
    socket.send(
      serializeMessage({
        method,
        ruri,
        headers: [
          ['Via', `SIP/2.0/WS ${host};branch=z9hG4bK${user}${counter}`],
          ['Max-Forwards', '70'],
          ['From', `<sip:${user}@sip.test>;tag=${user}${counter}`],
          ['To', to],
          ['Call-ID', `${user}-${counter}`],
          ['CSeq', `${++cseq} ${method}`],
          ['Contact', `<sip:${user}@${host};transport=ws>`],
          ...headers,
        ],
        ...(body === undefined ? {} : { body }),
      }),
    );
  }
  return {
    received,
    /** Status codes of the responses it got. */
    statuses,
    connect: () => socket.connect(),
    /** Registers `sip:<user>@sip.test` on this socket. */
    register: () =>
      send('REGISTER', 'sip:sip.test', [['Expires', '3600']], undefined, `<sip:${user}@sip.test>`),
    send,
    /** Answers `request` with `status` and `headers`. */
    reply(request: IncomingRequest, status: number, headers: HeaderEntry[] = []): void {
      const response = createResponse(request, status, undefined, {
        toTag: `${user}-totag`,
        headers,
      });
      socket.send(serializeMessage(response));
    },
  };
}
