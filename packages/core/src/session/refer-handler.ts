import {
  formatNameAddr,
  formatUri,
  type HeaderEntry,
  type IncomingRequest,
} from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import { createResponse } from '../message/index.js';
import { normalizeTarget } from '../ua/target.js';
import type { SessionContext } from './session-context.js';
import type { SessionEvents } from './session-events.js';
import type { ReferOptions } from './session-options.js';
import type { Session } from './session.js';
import { parseSipfrag, sipfragBody } from './sipfrag.js';
import { lenient, lenientHeader } from './lenient-read.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** The request sender the session lends: in-dialog, with digest retries; resolves with the status. */
export interface ReferSessionPort {
  send(
    method: string,
    init: {
      readonly headers?: readonly HeaderEntry[];
      readonly body?: string;
      readonly contentType?: string;
      readonly extraHeaders?: readonly string[];
    },
  ): Promise<number>;
  emit<K extends keyof SessionEvents>(event: K, payload: SessionEvents[K]): void;
  hasListener(event: keyof SessionEvents): boolean;
}

const SIPFRAG = 'message/sipfrag;version=2.0';

/**
 * Call transfer for one session (RFC 3515 REFER with its implicit `refer` subscription, RFC 3891
 * Replaces for attended transfer): sending a REFER and reading the NOTIFYs that report the
 * transferred call, and accepting a REFER by calling the target and NOTIFYing its progress.
 */
export class ReferHandler {
  readonly #session: Session;
  readonly #context: SessionContext;
  readonly #port: ReferSessionPort;
  #unsubscribe: Array<() => void> = [];

  constructor(session: Session, context: SessionContext, port: ReferSessionPort) {
    this.#session = session;
    this.#context = context;
    this.#port = port;
  }

  /** Sends a REFER for `target` (another session: attended transfer with Replaces). */
  refer(target: string | Session, options: ReferOptions): Promise<number> {
    const referTo = this.#referTo(target, options);
    const headers: HeaderEntry[] = [
      ['Refer-To', referTo],
      ['Referred-By', `<${this.#context.configuration.uri}>`],
    ];
    return this.#port.send('REFER', { headers, extraHeaders: options.extraHeaders ?? [] });
  }

  /** A NOTIFY in our dialog: progress of a REFER we sent (RFC 3515 §2.4.4). */
  receiveNotify(request: IncomingRequest, transaction: ServerTransaction): void {
    const read = lenient(() => ({
      event: request.parsed('event')?.type.toLowerCase(),
      terminated: request.parsed('subscription-state')?.state.toLowerCase() === 'terminated',
    }));
    if (read === undefined) return void transaction.respond(createResponse(request, 400));
    const { event, terminated } = read;
    if (event !== 'refer') return void transaction.respond(createResponse(request, 489));
    transaction.respond(
      createResponse(request, 200, undefined, { headers: this.#context.factory.responseHeaders() }),
    );
    const progress = parseSipfrag(request.body);
    if (progress === undefined) return;
    this.#port.emit('referProgress', { ...progress, final: terminated || progress.status >= 200 });
  }

  /** A REFER in our dialog: the app decides; without a `refer` listener it is declined (603). */
  receiveRefer(request: IncomingRequest, transaction: ServerTransaction): void {
    const referTo = lenientHeader(request, 'refer-to');
    if (referTo === undefined)
      return void transaction.respond(createResponse(request, 400, 'Bad Refer-To'));
    const respond = (status: number, reason?: string): void =>
      void transaction.respond(
        createResponse(request, status, reason, {
          headers: this.#context.factory.responseHeaders(),
        }),
      );
    if (!this.#port.hasListener('refer')) return respond(603);
    const replaces = headerParam(referTo.uri.headers, 'replaces');
    const target = formatUri({ ...referTo.uri, headers: {} });
    let settled = false;
    this.#port.emit('refer', {
      request,
      target,
      replaces,
      accept: (options = {}) => {
        if (settled) return;
        settled = true;
        respond(202);
        this.#startTransfer(target, replaces, request, options.mediaConstraints);
      },
      reject: (options = {}) => {
        if (settled) return;
        settled = true;
        respond(options.status_code ?? 603, options.reason_phrase);
      },
    });
  }

  stop(): void {
    for (const unsubscribe of this.#unsubscribe.splice(0)) unsubscribe();
  }

  #startTransfer(
    target: string,
    replaces: string | undefined,
    refer: IncomingRequest,
    mediaConstraints: MediaStreamConstraints | undefined,
  ): void {
    void this.#notify(100, 'Trying', false);
    const referredBy = refer.header('referred-by');
    const extraHeaders = [
      ...(replaces === undefined ? [] : [`Replaces: ${replaces}`]),
      ...(referredBy === undefined ? [] : [`Referred-By: ${referredBy}`]),
    ];
    let call: Session;
    try {
      call = this.#context.call(target, {
        extraHeaders,
        ...(mediaConstraints === undefined ? {} : { mediaConstraints }),
      });
    } catch {
      void this.#notify(503, 'Service Unavailable', true);
      return;
    }
    this.#unsubscribe.push(
      call.on('progress', ({ response }) => {
        if (response !== undefined) void this.#notify(response.status, response.reason, false);
      }),
      call.on('accepted', () => void this.#notify(200, 'OK', true)),
      call.on('failed', ({ message, cause }) => {
        const response = message?.kind === 'response' ? message : undefined;
        void this.#notify(response?.status ?? 487, response?.reason ?? cause, true);
      }),
    );
  }

  // RFC 3515 §2.4.5: each NOTIFY carries the transferred call's status line as message/sipfrag.
  #notify(status: number, reason: string, final: boolean): Promise<number> {
    if (this.#session.isEnded()) return Promise.resolve(0);
    return this.#port.send('NOTIFY', {
      headers: [
        ['Event', 'refer'],
        ['Subscription-State', final ? 'terminated;reason=noresource' : 'active;expires=60'],
      ],
      body: sipfragBody(status, reason),
      contentType: SIPFRAG,
    });
  }

  #referTo(target: string | Session, options: ReferOptions): string {
    if (typeof target !== 'string') {
      const id = target.dialogId;
      if (id === undefined)
        throw new Error(
          DEV ? 'the session to replace has no dialog' : 'session.replaces-no-dialog',
        );
      return this.#withReplaces(target.remoteIdentity.uri, id);
    }
    const uri = normalizeTarget(target, this.#context.identity.aor.host);
    if (options.replaces === undefined) return `<${uri}>`;
    return this.#withReplaces(options.replaces.remoteTarget ?? uri, options.replaces.dialogId);
  }

  // RFC 3891 §3: to-tag and from-tag as the recipient of the INVITE sees its own dialog, i.e. our
  // remote tag is its local (to) tag.
  #withReplaces(
    uri: string,
    id: { readonly callId: string; readonly localTag: string; readonly remoteTag: string },
  ): string {
    const replaces = `${id.callId};to-tag=${id.remoteTag};from-tag=${id.localTag}`;
    return formatNameAddr({ uri: `${uri}?Replaces=${encodeURIComponent(replaces)}` });
  }
}

function headerParam(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) if (key.toLowerCase() === name) return value;
  return undefined;
}
