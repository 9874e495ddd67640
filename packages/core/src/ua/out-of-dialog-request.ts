import type { IncomingResponse, NameAddr } from '../message/index.js';
import { newCallId, newTag } from '../transaction/index.js';
import { Causes, causeOfStatus, type Cause } from './causes.js';
import type { RequestFactory } from './request-factory.js';
import type { RequestChannel } from './request-outcome.js';

/** How a MESSAGE or OPTIONS we sent ended. */
export type RequestResult =
  | { readonly ok: true; readonly response: IncomingResponse }
  | { readonly ok: false; readonly cause: Cause; readonly response?: IncomingResponse };

/** JsSIP-style callbacks, for code that moves over from `eventHandlers`. */
export interface RequestEventHandlers {
  succeeded?(event: { readonly originator: 'remote'; readonly response: IncomingResponse }): void;
  failed?(event: {
    readonly originator: 'remote' | 'system';
    readonly cause: Cause;
    readonly response?: IncomingResponse;
  }): void;
}

/** Options of `ua.sendMessage` and `ua.sendOptions`. */
export interface OutOfDialogRequestOptions {
  /** `Name: value` lines added to this request. */
  readonly extraHeaders?: readonly string[];
  readonly eventHandlers?: RequestEventHandlers;
}

/** Options of `ua.sendMessage`. */
export interface SendMessageOptions extends OutOfDialogRequestOptions {
  /** Default `text/plain`. */
  readonly contentType?: string;
}

/** The parties of a MESSAGE, as shown to the app. */
export interface Identity {
  readonly displayName: string | undefined;
  readonly uri: string;
}

/** Plain identity from a From/To header. */
export function identityOf(nameAddr: NameAddr, uri: string): Identity {
  return { displayName: nameAddr.displayName, uri };
}

/**
 * Sends one out-of-dialog request (RFC 3428 MESSAGE, RFC 3261 §11 OPTIONS) and reports the
 * result both ways: the returned promise and JsSIP's `eventHandlers`.
 */
export async function sendOutOfDialog(
  channel: RequestChannel,
  factory: RequestFactory,
  method: 'MESSAGE' | 'OPTIONS',
  target: string,
  options: SendMessageOptions & { readonly body?: string },
): Promise<RequestResult> {
  const request = factory.outOfDialog({
    method,
    ruri: target,
    callId: newCallId(),
    cseq: 1,
    fromTag: newTag(),
    ...(options.extraHeaders === undefined ? {} : { extraHeaders: options.extraHeaders }),
    ...(options.body === undefined
      ? {}
      : { body: options.body, contentType: options.contentType ?? 'text/plain' }),
    ...(method === 'OPTIONS' ? { headers: [['Accept', 'application/sdp']] as const } : {}),
  });
  const outcome = await channel.send(request);
  const result = resultOf(outcome);
  if (result.ok)
    options.eventHandlers?.succeeded?.({ originator: 'remote', response: result.response });
  else
    options.eventHandlers?.failed?.({
      originator: result.response === undefined ? 'system' : 'remote',
      cause: result.cause,
      ...(result.response === undefined ? {} : { response: result.response }),
    });
  return result;
}

function resultOf(outcome: Awaited<ReturnType<RequestChannel['send']>>): RequestResult {
  if (outcome.kind === 'timeout') return { ok: false, cause: Causes.REQUEST_TIMEOUT };
  if (outcome.kind === 'transport-error') return { ok: false, cause: Causes.CONNECTION_ERROR };
  const { response } = outcome;
  if (response.status < 300) return { ok: true, response };
  return { ok: false, cause: causeOfStatus(response.status), response };
}
