/** Where in the input a parse error was found. */
export interface SipParseErrorLocation {
  /** 1-based line number in the message, when the error is tied to a message line. */
  readonly line?: number;
  /** 0-based character offset: in the message for start-line/framing errors, else in the header value. */
  readonly offset?: number;
  /** Canonical (lowercase) header name whose value failed to parse, when known. */
  readonly header?: string;
}

/**
 * The only error the message layer throws for bad input: malformed start lines, headers, URIs,
 * oversize messages, Content-Length mismatches, and header values that fail lazy typed parsing.
 *
 * @example
 * try { parseMessage(text); } catch (e) { if (e instanceof SipParseError) console.log(e.line, e.reason); }
 */
export class SipParseError extends Error {
  override readonly name = 'SipParseError';
  /** The problem without location details, e.g. `missing CSeq`. */
  readonly reason: string;
  readonly line: number | undefined;
  readonly offset: number | undefined;
  readonly header: string | undefined;

  constructor(reason: string, location: SipParseErrorLocation = {}) {
    super(describe(reason, location));
    this.reason = reason;
    this.line = location.line;
    this.offset = location.offset;
    this.header = location.header;
  }
}

function describe(reason: string, location: SipParseErrorLocation): string {
  const parts: string[] = [];
  if (location.header !== undefined) parts.push(`header ${location.header}`);
  if (location.line !== undefined) parts.push(`line ${location.line}`);
  if (location.offset !== undefined) parts.push(`offset ${location.offset}`);
  return parts.length === 0 ? reason : `${reason} (${parts.join(', ')})`;
}
