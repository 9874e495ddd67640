import type { Fields } from '../fields.js';
import type { Library } from './library.js';
import { installedVersion } from '../../../versions.js';

/**
 * JsSIP's own parser, as its Transport hands it each WebSocket frame. It parses From, To, the top
 * Via, Call-ID and CSeq eagerly, so reading the fields afterwards only touches properties (the
 * CSeq method comes from the header's cached parse).
 */
export const jssip: Library = {
  id: 'jssip',
  label: 'JsSIP',
  async load() {
    const { parseMessage } = await import('jssip/lib/Parser.js');
    // IncomingRequest only stores the UA for replying later; parsing never reads it.
    const ua = {};
    const extract = (text: string): Fields => {
      const msg = parseMessage(text, ua);
      if (msg === undefined) throw new Error('JsSIP rejected the message');
      const cseq = msg.parseHeader('cseq');
      const status = 'status_code' in msg ? msg.status_code : 0;
      return {
        method: status === 0 ? msg.method : '',
        status,
        fromHost: msg.from.uri.host,
        toUser: msg.to.uri.user ?? '',
        topViaBranch: msg.via.branch,
        cseqSeq: msg.cseq,
        cseqMethod: cseq?.method ?? '',
        callId: msg.call_id,
      };
    };
    return { ok: true, version: installedVersion('jssip'), extract };
  },
};
