import {
  headerKey,
  type HeaderEntry,
  type IncomingResponse,
  type OutgoingRequest,
} from '@sipkit/core';

// Requests a stateful proxy sends on its own for one forwarded branch: CANCEL (RFC 3261 §9.1,
// §16.10) and the hop-by-hop ACK for a non-2xx final response (§17.1.1.3).

function values(headers: readonly HeaderEntry[], key: string): string[] {
  return headers.filter(([name]) => headerKey(name) === key).map(([, value]) => value);
}

function first(headers: readonly HeaderEntry[], key: string): string {
  return values(headers, key)[0] ?? '';
}

function seqOf(headers: readonly HeaderEntry[]): string {
  return first(headers, 'cseq').trim().split(/\s+/)[0] ?? '1';
}

function sameTransactionHeaders(
  forwarded: OutgoingRequest,
  method: string,
  to: string,
): HeaderEntry[] {
  return [
    ['Via', first(forwarded.headers, 'via')],
    ['Max-Forwards', '70'],
    ...values(forwarded.headers, 'route').map((route): HeaderEntry => ['Route', route]),
    ['From', first(forwarded.headers, 'from')],
    ['To', to],
    ['Call-ID', first(forwarded.headers, 'call-id')],
    ['CSeq', `${seqOf(forwarded.headers)} ${method}`],
  ];
}

/** CANCEL for a forwarded INVITE: same Request-URI, top Via, Route, From, To, Call-ID. */
export function cancelFor(forwarded: OutgoingRequest): OutgoingRequest {
  return {
    method: 'CANCEL',
    ruri: forwarded.ruri,
    headers: sameTransactionHeaders(forwarded, 'CANCEL', first(forwarded.headers, 'to')),
  };
}

/** ACK for a non-2xx final response to a forwarded INVITE; To comes from the response. */
export function ackFor(forwarded: OutgoingRequest, response: IncomingResponse): OutgoingRequest {
  return {
    method: 'ACK',
    ruri: forwarded.ruri,
    headers: sameTransactionHeaders(forwarded, 'ACK', response.header('to') ?? ''),
  };
}
