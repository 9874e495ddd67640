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

interface Placed {
  readonly socket: LoopbackSocket;
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
 */
export class AnsweringPeer implements LoopbackPeer {
  /** Messages received from the UAs and sent to them. */
  messagesIn = 0;
  messagesOut = 0;
  readonly #contacts = new Map<LoopbackSocket, string>();
  readonly #placed = new Map<string, Placed>();
  #counter = 0;

  opened(): void {}

  closed(socket: LoopbackSocket): void {
    this.#contacts.delete(socket);
  }

  received(socket: LoopbackSocket, text: string): void {
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
        return this.#send(socket, response(sip, '200 OK', tag));
      }
      this.#contacts.set(socket, addrUri(contact));
      const binding = `Contact: ${contact};expires=${expires}`;
      return this.#send(socket, response(sip, '200 OK', tag, [binding]));
    }
    if (method === 'INVITE') {
      const answer = audioSdp(this.#counter);
      const extra = [PEER_CONTACT, 'Content-Type: application/sdp'];
      return this.#send(socket, response(sip, '200 OK', tag, extra, answer));
    }
    this.#send(socket, response(sip, '200 OK', tag));
  }

  /** Calls the UA registered over `socket`; resolves once it answers with 200 (and was ACKed). */
  invite(socket: LoopbackSocket): Promise<PlacedCall> {
    const contact = this.#contacts.get(socket);
    if (contact === undefined) throw new Error('the UA on this socket has not registered');
    const n = ++this.#counter;
    const callId = `load-${n}@peer.test`;
    const fromTag = `c${n}`;
    return new Promise((resolve) => {
      this.#placed.set(callId, {
        socket,
        sentAt: performance.now(),
        fromTag,
        resolve,
        remoteTarget: contact,
        to: '',
        onByeAnswered: undefined,
      });
      const offer = audioSdp(n);
      this.#send(
        socket,
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
      this.#send(call.socket, this.#inDialog(call, callId, 'BYE', 2));
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
      this.#send(call.socket, this.#inDialog(call, callId, 'ACK', 1));
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

  #send(socket: LoopbackSocket, text: string): void {
    this.messagesOut++;
    socket.deliver(text);
  }
}
