import {
  createResponse,
  type HeaderEntry,
  type IncomingRequest,
  type OutgoingResponse,
} from '../message/index.js';
import { SDP } from './sdp-body.js';
import type { SessionContext } from './session-context.js';

/** What a response of the call carries beyond its status. */
export interface SessionResponseOptions {
  readonly reason?: string | undefined;
  /** Header entries, and `Name: value` lines from the app (`extraHeaders`). */
  readonly headers?: readonly (string | HeaderEntry)[];
  /** A response that builds or refreshes the dialog: Contact, Record-Route, capabilities. */
  readonly dialog?: boolean;
  readonly sdp?: string | undefined;
}

/** A response to `request` with our To-tag and, for dialog responses, Contact and Record-Route. */
export function sessionResponse(
  context: SessionContext,
  localTag: string,
  request: IncomingRequest,
  status: number,
  options: SessionResponseOptions = {},
): OutgoingResponse {
  const extra = options.headers ?? [];
  const dialogResponse = options.dialog === true;
  const extraLines = extra.filter((e): e is string => typeof e === 'string');
  const entries = extra.filter((e): e is HeaderEntry => typeof e !== 'string');
  const headers: HeaderEntry[] = [...entries];
  if (dialogResponse) {
    headers.push(['Contact', context.identity.dialogContact()]);
    if (request.method === 'INVITE' && status >= 200) headers.push(...context.capabilityHeaders());
  }
  if (options.sdp !== undefined) headers.push(['Content-Type', SDP]);
  return createResponse(request, status, options.reason, {
    toTag: request.to.tag === undefined ? localTag : undefined,
    recordRoute: dialogResponse && request.to.tag === undefined,
    headers: context.factory.responseHeaders(headers, extraLines),
    body: options.sdp,
  });
}
