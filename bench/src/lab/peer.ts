import type { ServerConnection, SipServerEndpoint } from '@sipkit/testing';
import type { LoopbackPeer, LoopbackSocket } from './loopback-socket.js';
import {
  addrUri,
  audioSdp,
  headerLines,
  headerValue,
  message,
  response,
  splitSip,
  type SipText,
} from './sip-text.js';

/** A call the peer placed towards a UA (the scale benchmark's load), once answered. */
export interface PlacedCall {
  readonly callId: string;
  /** INVITE sent to 200 received, in ms. */
  readonly setupMs: number;
}

/** The peer's end of one connection: a loopback socket or an in-memory network connection. */
interface Link {
  toClient(text: string): void;
}

interface Placed {
  readonly link: Link;
  readonly sentAt: number;
  readonly fromTag: string;
  readonly resolve: (call: PlacedCall) => void;
  /** Filled in by the 200: what the ACK and the BYE need. */
  remoteTarget: string;
  to: string;
  onByeAnswered: (() => void) | undefined;
}

const PEER_CONTACT = 'Contact: <sip:peer@127.0.0.1:5060;transport=ws>';
const PEER_VIA = 'Via: SIP/2.0/WS 127.0.0.1:5060;branch=z9hG4bK';

/**
 * The far end of every UA in the memory and scale benchmarks: a registrar that accepts any
 * REGISTER, a UAS that answers every INVITE with 200 and an SDP answer, and (for scale) a UAC that
 * places calls. It keeps no state for the calls it answers, so the heap a benchmark sees grow is
 * the library's alone, and it costs every library the same few string operations per message.
 * It serves loopback sockets and, as a `SipServerEndpoint`, `@sipkit/testing`'s `SipNetwork`.
 */
export class AnsweringPeer implements LoopbackPeer, SipServerEndpoint {
  /** Messages received from the UAs and sent to them. */
  messagesIn = 0;
  messagesOut = 0;
  /** The Contact each connection registered, in registration order. */
  readonly #contacts = new Map<Link, string>();
  readonly #links = new WeakMap<object, Link>();
  readonly #placed = new Map<string, Placed>();
  #counter = 0;

  opened(): void {}

  closed(socket: LoopbackSocket): void {
    this.#contacts.delete(this.#link(socket, (text) => socket.deliver(text)));
  }

  received(socket: LoopbackSocket, text: string): void {
    this.#receive(
      this.#link(socket, (message) => socket.deliver(message)),
      text,
    );
  }

  connectionOpened(): void {}

  connectionClosed(connection: ServerConnection): void {
    this.#contacts.delete(this.#link(connection, (text) => connection.send(text)));
  }

  messageReceived(connection: ServerConnection, text: string): void {
    this.#receive(
      this.#link(connection, (message) => connection.send(message)),
      text,
    );
  }

  #link(end: object, toClient: (text: string) => void): Link {
    let link = this.#links.get(end);
    if (link === undefined) {
      link = { toClient };
      this.#links.set(end, link);
    }
    return link;
  }

  #receive(link: Link, text: string): void {
    this.messagesIn++;
    const sip = splitSip(text);
    if (sip.start.startsWith('SIP/2.0 ')) return this.#response(sip);
    const method = sip.start.slice(0, sip.start.indexOf(' '));
    const tag = `p${++this.#counter}`;
    if (method === 'ACK') return;
    if (method === 'REGISTER') {
      const contact = headerValue(sip, 'contact');
      const expires = headerValue(sip, 'expires') ?? '600';
      if (contact === undefined || expires === '0') {
        return this.#send(link, response(sip, '200 OK', tag));
      }
      this.#contacts.set(link, addrUri(contact));
      const binding = `Contact: ${contact};expires=${expires}`;
      return this.#send(link, response(sip, '200 OK', tag, [binding]));
    }
    if (method === 'INVITE') {
      const answer = audioSdp(this.#counter);
      const extra = [PEER_CONTACT, 'Content-Type: application/sdp'];
      return this.#send(link, response(sip, '200 OK', tag, extra, answer));
    }
    this.#send(link, response(sip, '200 OK', tag));
  }

  /** Calls the UA registered first; resolves once it answers with 200 (and was ACKed). */
  invite(): Promise<PlacedCall> {
    const [registered] = this.#contacts;
    if (registered === undefined) throw new Error('no UA has registered with the peer');
    const [link, contact] = registered;
    const n = ++this.#counter;
    const callId = `load-${n}@peer.test`;
    const fromTag = `c${n}`;
    return new Promise((resolve) => {
      this.#placed.set(callId, {
        link,
        sentAt: performance.now(),
        fromTag,
        resolve,
        remoteTarget: contact,
        to: '',
        onByeAnswered: undefined,
      });
      const offer = audioSdp(n);
      this.#send(
        link,
        message(
          `INVITE ${contact} SIP/2.0`,
          [
            `${PEER_VIA}-i${n}`,
            'Max-Forwards: 70',
            `From: <sip:load@peer.test>;tag=${fromTag}`,
            `To: <${contact}>`,
            `Call-ID: ${callId}`,
            'CSeq: 1 INVITE',
            PEER_CONTACT,
            'Content-Type: application/sdp',
          ],
          offer,
        ),
      );
    });
  }

  /** Hangs up a call `invite` placed; resolves when the BYE is answered. */
  bye(callId: string): Promise<void> {
    const call = this.#placed.get(callId);
    if (call === undefined) return Promise.resolve();
    return new Promise((resolve) => {
      call.onByeAnswered = resolve;
      this.#send(call.link, this.#inDialog(call, callId, 'BYE', 2));
    });
  }

  // Only the peer's own calls get responses: the 200 to its INVITE (ACK it) and to its BYE.
  #response(sip: SipText): void {
    const callId = headerValue(sip, 'call-id') ?? '';
    const call = this.#placed.get(callId);
    const cseq = headerValue(sip, 'cseq') ?? '';
    if (call === undefined || !sip.start.startsWith('SIP/2.0 200')) return;
    if (cseq.endsWith('INVITE')) {
      call.to = headerLines(sip, 'to')[0] ?? '';
      const contact = headerValue(sip, 'contact');
      if (contact !== undefined) call.remoteTarget = addrUri(contact);
      this.#send(call.link, this.#inDialog(call, callId, 'ACK', 1));
      call.resolve({ callId, setupMs: performance.now() - call.sentAt });
    } else if (cseq.endsWith('BYE')) {
      this.#placed.delete(callId);
      call.onByeAnswered?.();
    }
  }

  #inDialog(call: Placed, callId: string, method: string, cseq: number): string {
    return message(`${method} ${call.remoteTarget} SIP/2.0`, [
      `${PEER_VIA}-${method.toLowerCase()}${++this.#counter}`,
      'Max-Forwards: 70',
      `From: <sip:load@peer.test>;tag=${call.fromTag}`,
      call.to,
      `Call-ID: ${callId}`,
      `CSeq: ${cseq} ${method}`,
    ]);
  }

  #send(link: Link, text: string): void {
    this.messagesOut++;
    link.toClient(text);
  }
}
