import {
  formatVia,
  headerKey,
  parseCSeq,
  parseVia,
  splitHeaderList,
  type HeaderEntry,
  type OutgoingRequest,
} from '../message/index.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * What the ACK for a non-2xx final (RFC 3261 §17.1.1.3) and the CANCEL (§9.1) copy from a
 * request a client transaction sent: header values exactly as they went on the wire.
 */
export interface SentRequest {
  readonly request: OutgoingRequest;
  /** The top via-parm as sent, branch included. */
  readonly topVia: string;
  readonly branch: string;
  readonly callId: string;
  readonly from: string;
  readonly to: string;
  readonly cseq: number;
  /** Route values in order (RFC 3261 §17.1.1.3 and §9.1 copy them). */
  readonly routes: readonly string[];
}

/**
 * Adds `branch` to the top Via of `request`. The caller writes the Via (protocol, transport,
 * sent-by and any `;rport`/`;alias` parameters: things only the UA knows); the transaction
 * layer owns the branch, because the branch is the transaction's identity (RFC 3261 §17.1.3).
 * Throws TypeError when there is no Via or the top one already has a branch.
 */
export function withBranch(request: OutgoingRequest, branch: string): OutgoingRequest {
  const index = request.headers.findIndex(([name]) => headerKey(name) === 'via');
  const entry = request.headers[index];
  if (entry === undefined) {
    throw new TypeError(
      DEV
        ? `${request.method} has no Via header: the caller supplies sent-by`
        : `transaction.no-via ${request.method}`,
    );
  }
  const [first = '', ...rest] = splitHeaderList(entry[1]);
  const via = parseVia(first);
  if (via.branch !== undefined) {
    throw new TypeError(
      DEV
        ? `${request.method} already has a Via branch: the transaction layer adds it`
        : `transaction.has-branch ${request.method}`,
    );
  }
  // formatVia writes the branch first among the parameters (RFC 3261 §8.1.1.7 convention).
  const { protocol, transport, host, port, params } = via;
  const top = formatVia({ protocol, transport, host, port, params, branch });
  const headers = [...request.headers];
  headers[index] = [entry[0], [top, ...rest].join(', ')];
  return { ...request, headers };
}

/**
 * Reads the parts of a request with a branch that ACK and CANCEL need. Throws TypeError when
 * Via, Call-ID, From, To or CSeq is missing, or CSeq's method is not the request's
 * (RFC 3261 §8.1.1.5).
 */
export function describeSentRequest(request: OutgoingRequest): SentRequest {
  const topVia = splitHeaderList(required(request, 'via'))[0] ?? '';
  const branch = parseVia(topVia).branch;
  if (branch === undefined)
    throw new TypeError(
      DEV ? `${request.method} has no Via branch` : `transaction.no-branch ${request.method}`,
    );
  const cseq = parseCSeq(required(request, 'cseq'));
  if (cseq.method !== request.method) {
    throw new TypeError(
      DEV
        ? `CSeq method ${cseq.method} differs from ${request.method}`
        : `transaction.cseq-method ${cseq.method} ${request.method}`,
    );
  }
  return {
    request,
    topVia,
    branch,
    callId: required(request, 'call-id'),
    from: required(request, 'from'),
    to: required(request, 'to'),
    cseq: cseq.seq,
    routes: headerValues(request.headers, 'route'),
  };
}

function required(request: OutgoingRequest, key: string): string {
  const value = headerValues(request.headers, key)[0];
  if (value === undefined)
    throw new TypeError(
      DEV
        ? `${request.method} has no ${key} header`
        : `transaction.no-header ${request.method} ${key}`,
    );
  return value;
}

/** Values of every header whose canonical key is `key` (compact forms understood), in order. */
export function headerValues(headers: readonly HeaderEntry[], key: string): string[] {
  const values: string[] = [];
  for (const [name, value] of headers) if (headerKey(name) === key) values.push(value);
  return values;
}

/**
 * A request built from what `invite` went out with, as the ACK for a non-2xx (RFC 3261
 * §17.1.1.3) and the CANCEL (§9.1) both are: the INVITE's Request-URI, one Via equal to its top
 * Via (same branch), its Route headers, From, Call-ID and CSeq number; Max-Forwards 70
 * (§8.1.1.6); no body. Only the method, To and any extra headers (last) differ.
 */
export function requestFromInvite(
  invite: SentRequest,
  method: string,
  to: string,
  extraHeaders: readonly HeaderEntry[] = [],
): OutgoingRequest {
  const headers: HeaderEntry[] = [
    ['Via', invite.topVia],
    ['Max-Forwards', '70'],
    ...invite.routes.map((route): HeaderEntry => ['Route', route]),
    ['From', invite.from],
    ['To', to],
    ['Call-ID', invite.callId],
    ['CSeq', `${invite.cseq} ${method}`],
    ...extraHeaders,
  ];
  return { method, ruri: invite.request.ruri, headers };
}
