import type { Fields } from '../fields.js';
import type { Library } from './library.js';
import { installedVersion } from '../../../versions.js';

/** The CSeq method from SIP.js's cached parse of the CSeq header (typed `any` upstream). */
function cseqMethodOf(parsed: unknown): string {
  if (typeof parsed === 'object' && parsed !== null && 'method' in parsed) {
    return typeof parsed.method === 'string' ? parsed.method : '';
  }
  return '';
}

/**
 * SIP.js's core parser (`Parser.parseMessage(data, logger)`), the function its transport layer
 * calls per frame. Like JsSIP it parses the routing headers eagerly.
 */
export const sipjs: Library = {
  id: 'sipjs',
  label: 'SIP.js',
  async load() {
    const [{ Parser }, { IncomingResponseMessage }, { LoggerFactory }] = await Promise.all([
      import('sip.js/lib/core/messages/parser.js'),
      import('sip.js/lib/core/messages/incoming-response-message.js'),
      import('sip.js/lib/core/log/logger-factory.js'),
    ]);
    const logger = new LoggerFactory().getLogger('sip.parser');
    const extract = (text: string): Fields => {
      const msg = Parser.parseMessage(text, logger);
      if (msg === undefined) throw new Error('SIP.js rejected the message');
      const status = msg instanceof IncomingResponseMessage ? (msg.statusCode ?? 0) : 0;
      return {
        method: status === 0 ? msg.method : '',
        status,
        fromHost: msg.from.uri.host,
        toUser: msg.to.uri.user ?? '',
        topViaBranch: msg.viaBranch,
        cseqSeq: msg.cseq,
        cseqMethod: cseqMethodOf(msg.parseHeader('cseq')),
        callId: msg.callId,
      };
    };
    return { ok: true, version: installedVersion('sip.js'), extract };
  },
};
