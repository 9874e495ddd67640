import type { IncomingRequest } from './incoming-message.js';
import type { HeaderEntry, OutgoingResponse } from './serialize.js';
import { defaultReasonPhrase } from './serialize.js';
import { formatHeaderParams } from './name-addr.js';

/** Options of `createResponse`. */
export interface CreateResponseOptions {
  /** Tag to add to To when the request's To has none (RFC 3261 §8.2.6.2). */
  readonly toTag?: string | undefined;
  /** Copy Record-Route, for responses that create a dialog (RFC 3261 §12.1.1). */
  readonly recordRoute?: boolean | undefined;
  /** More headers, appended after the copied ones. */
  readonly headers?: readonly HeaderEntry[] | undefined;
  readonly body?: string | undefined;
}

/**
 * Builds a response to `request` per RFC 3261 §8.2.6: Via (all, in order, byte for byte),
 * From, To (plus `;tag=` when given and absent), Call-ID and CSeq; Timestamp for 100
 * (§8.2.6.1); Record-Route when asked (§12.1.1).
 *
 * @example serializeResponse(createResponse(invite, 180, undefined, { toTag: 'a6c85cf', recordRoute: true }))
 */
export function createResponse(
  request: IncomingRequest,
  status: number,
  reason?: string,
  options: CreateResponseOptions = {},
): OutgoingResponse {
  const headers: HeaderEntry[] = [];
  for (const header of request.rawHeaders) {
    if (header.key === 'via') headers.push(['Via', header.value]);
  }
  if (options.recordRoute === true) {
    for (const header of request.rawHeaders) {
      if (header.key === 'record-route') headers.push(['Record-Route', header.value]);
    }
  }
  headers.push(['From', request.header('from') ?? '']);
  headers.push(['To', toWithTag(request, options.toTag)]);
  headers.push(['Call-ID', request.callId]);
  headers.push(['CSeq', `${request.cseq.seq} ${request.cseq.method}`]);
  const timestamp = request.header('timestamp');
  if (status === 100 && timestamp !== undefined) headers.push(['Timestamp', timestamp]);
  if (options.headers !== undefined) headers.push(...options.headers);
  return {
    status,
    reason: reason ?? defaultReasonPhrase(status),
    headers,
    ...(options.body === undefined ? {} : { body: options.body }),
  };
}

function toWithTag(request: IncomingRequest, toTag: string | undefined): string {
  const to = request.header('to') ?? '';
  if (toTag === undefined || request.to.tag !== undefined) return to;
  return to + formatHeaderParams({ tag: toTag });
}
