import { illegalTextAt } from './chars.js';
import { headerKey } from './header-names.js';
import type { IncomingRequest } from './incoming-message.js';
import { DEFAULT_MAX_MESSAGE_SIZE, parseMessage } from './parse-message.js';
import { SipParseError } from './sip-parse-error.js';

/**
 * The request `parseMessage` refused, read as far as answering it needs, or undefined when even
 * that fails (no request line, or a Via, From, To, Call-ID or CSeq that cannot be read: without
 * them no response can be routed or matched, RFC 3261 §8.2.6, §18.2.2).
 *
 * What it gives back is for building a 400 (RFC 3261 §8.2: a UAS answers what it cannot
 * process) and nothing else: the body is dropped and control characters are cut out of the
 * head, so the copies a 400 makes of Via, From and To can be written (`illegalTextAt`). A caller
 * then gets an answer instead of waiting for its proxy's timeout.
 *
 * @example
 * try { parseMessage(text); } catch (error) {
 *   const request = salvageRequest(text);
 *   if (request !== undefined && request.method !== 'ACK') reply(createResponse(request, 400));
 * }
 */
export function salvageRequest(text: string): IncomingRequest | undefined {
  // Past the size limit nothing is read at all (parseMessage refused it in O(1) too).
  if (typeof text !== 'string' || text.length > DEFAULT_MAX_MESSAGE_SIZE) return undefined;
  const trimmed = text.replace(/^[\r\n]+/, '');
  const blank = /\r?\n\r?\n/.exec(trimmed);
  const lines: string[] = [];
  for (const line of trimmed.slice(0, blank?.index).split(/\r?\n/)) {
    // Content-Length describes the dropped body.
    const name = /^([^:\s]+)[ \t]*:/.exec(line)?.[1];
    if (name !== undefined && headerKey(name) === 'content-length') continue;
    lines.push(withoutIllegalText(line));
  }
  try {
    const message = parseMessage(`${lines.join('\r\n')}\r\n\r\n`);
    return message.kind === 'request' ? message : undefined;
  } catch (error) {
    if (error instanceof SipParseError) return undefined;
    throw error;
  }
}

// One pass keeping the legal stretches: cutting characters out one at a time would copy the line
// once per cut, quadratic in a frame of NULs that any peer can send.
function withoutIllegalText(line: string): string {
  const parts: string[] = [];
  let from = 0;
  for (let at = illegalTextAt(line); at !== -1; at = illegalTextAt(line, from)) {
    parts.push(line.slice(from, at));
    from = at + 1;
  }
  parts.push(line.slice(from));
  return parts.join('');
}
