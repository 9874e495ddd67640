import { SipParseError } from './sip-parse-error.js';
import type { CSeq } from './basic-headers.js';
import { headerKey, isListHeader } from './header-names.js';
import type { NameAddr } from './name-addr.js';
import { splitHeaderList } from './split-list.js';
import {
  isTypedHeaderName,
  parseTypedHeader,
  type TypedHeaderMap,
  type TypedHeaderName,
} from './typed-headers.js';
import type { SipUri } from './uri.js';
import type { Via } from './via.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** One header line as received: name as written, canonical key, unfolded value, line number. */
export interface RawHeader {
  readonly name: string;
  /** Lowercased name with compact forms expanded (`v` -> `via`). */
  readonly key: string;
  /** The value with surrounding LWS removed and line folds replaced by one SP. */
  readonly value: string;
  /** 1-based line of the header in the message. */
  readonly line: number;
  /** Where `value` sits in the message text, or -1 for a folded value (not one span there). */
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** Everything the parser hands to a message; not part of the public API. */
export interface MessageParts {
  readonly raw: string;
  readonly rawHeaders: readonly RawHeader[];
  readonly body: string;
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  readonly via: readonly Via[];
  readonly contentLength: number | undefined;
}

const NO_HEADERS: readonly RawHeader[] = [];

/** What requests and responses share: essential headers, raw header access, typed headers. */
abstract class IncomingMessageBase {
  /** The message text as received, up to the end of the body Content-Length delimits. */
  readonly raw: string;
  readonly rawHeaders: readonly RawHeader[];
  readonly body: string;
  readonly callId: string;
  readonly cseq: CSeq;
  readonly from: NameAddr;
  readonly to: NameAddr;
  /** Every via-parm, top first, across all Via lines. */
  readonly via: readonly Via[];
  /** Content-Length as sent (in UTF-8 bytes), or undefined when absent (RFC 7118 framing). */
  readonly contentLength: number | undefined;
  #index: Map<string, RawHeader[]> | undefined;
  #typed: Map<string, unknown> | undefined;

  constructor(parts: MessageParts) {
    this.raw = parts.raw;
    this.rawHeaders = parts.rawHeaders;
    this.body = parts.body;
    this.callId = parts.callId;
    this.cseq = parts.cseq;
    this.from = parts.from;
    this.to = parts.to;
    this.via = parts.via;
    this.contentLength = parts.contentLength;
  }

  // Built on first use: the eager parse picks its headers out during the line scan, so messages
  // that are only routed never pay for a name index.
  #headerIndex(): Map<string, RawHeader[]> {
    if (this.#index !== undefined) return this.#index;
    const index = new Map<string, RawHeader[]>();
    for (const header of this.rawHeaders) {
      const lines = index.get(header.key);
      if (lines === undefined) index.set(header.key, [header]);
      else lines.push(header);
    }
    return (this.#index = index);
  }

  /** First value of a header (name case-insensitive, compact forms understood), unsplit. */
  header(name: string): string | undefined {
    return this.#headerIndex().get(headerKey(name))?.[0]?.value;
  }

  /**
   * All values of a header in order. Comma lists (Via, Contact, Route, Supported...) are split
   * outside quotes and `<>`; headers that are not lists (WWW-Authenticate, Date, unknown
   * extensions...) give one value per line.
   */
  headers(name: string): string[] {
    const key = headerKey(name);
    const lines = this.#headerIndex().get(key) ?? NO_HEADERS;
    if (!isListHeader(key)) return lines.map((header) => header.value);
    const values: string[] = [];
    for (const header of lines) values.push(...splitHeaderList(header.value));
    return values;
  }

  hasHeader(name: string): boolean {
    return this.#headerIndex().has(headerKey(name));
  }

  /**
   * The typed value of a header, parsed on first access and cached; undefined when absent
   * (or, for untyped callers, when the name has no typed parser: use `header()` then).
   * Throws SipParseError (with the header's line) if the header is malformed.
   *
   * @example msg.parsed('contact')?.contacts[0]?.expires
   */
  parsed<K extends TypedHeaderName>(name: K): TypedHeaderMap[K] | undefined {
    const key = headerKey(name);
    // Untyped JavaScript callers may pass any name: those without a typed parser read as absent.
    if (!isTypedHeaderName(key)) return undefined;
    const cached = this.#typed?.get(key) as TypedHeaderMap[K] | undefined;
    if (cached !== undefined) return cached;
    const lines = this.#headerIndex().get(key);
    if (lines === undefined) return undefined;
    const value = this.#essential(key) ?? parseTypedHeader(key, lines);
    (this.#typed ??= new Map()).set(key, value);
    return value as TypedHeaderMap[K];
  }

  // Essentials were parsed eagerly by parseMessage: hand those out instead of parsing again.
  #essential(key: TypedHeaderName): unknown {
    switch (key) {
      case 'via':
        return this.via;
      case 'from':
        return this.from;
      case 'to':
        return this.to;
      case 'call-id':
        return this.callId;
      case 'cseq':
        return this.cseq;
      case 'content-length':
        return this.contentLength;
      default:
        return undefined;
    }
  }

  /** The raw message text. */
  toString(): string {
    return this.raw;
  }
}

/**
 * A parsed request. `kind === 'request'` narrows an IncomingMessage to this type.
 *
 * @example if (msg.kind === 'request') console.log(msg.method, msg.ruri.host);
 */
export class IncomingRequest extends IncomingMessageBase {
  readonly kind = 'request' as const;
  readonly method: string;
  /** The Request-URI as written in the start line. */
  readonly requestUri: string;
  readonly #ruri: SipUri | undefined;

  constructor(method: string, requestUri: string, ruri: SipUri | undefined, parts: MessageParts) {
    super(parts);
    this.method = method;
    this.requestUri = requestUri;
    this.#ruri = ruri;
  }

  /**
   * The parsed Request-URI. Throws SipParseError when its scheme is not sip/sips/tel: such
   * requests still parse so the UA can answer 416 (RFC 3261 §8.2.2.1, RFC 4475 §3.3.2).
   */
  get ruri(): SipUri {
    if (this.#ruri === undefined) {
      const reason = DEV
        ? `unsupported Request-URI scheme in '${this.requestUri}'`
        : `parse.request-uri-scheme ${this.requestUri}`;
      throw new SipParseError(reason, {
        line: 1,
      });
    }
    return this.#ruri;
  }
}

/** A parsed response. `kind === 'response'` narrows an IncomingMessage to this type. */
export class IncomingResponse extends IncomingMessageBase {
  readonly kind = 'response' as const;
  readonly status: number;
  /** Reason phrase, possibly empty, UTF-8 text as received. */
  readonly reason: string;

  constructor(status: number, reason: string, parts: MessageParts) {
    super(parts);
    this.status = status;
    this.reason = reason;
  }
}

/** A parsed SIP message; narrow on `kind`. */
export type IncomingMessage = IncomingRequest | IncomingResponse;
