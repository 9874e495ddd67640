import { redactHeaderEntries } from '../auth/index.js';
import { Dialog } from '../dialog/index.js';
import {
  parseNameAddr,
  type HeaderEntry,
  type IncomingRequest,
  type IncomingResponse,
  type OutgoingRequest,
} from '../message/index.js';
import type { ServerTransaction } from '../transaction/index.js';
import { Causes, causeOfStatus } from '../ua/causes.js';
import { headerLine } from '../ua/request-factory.js';
import { anonymityHeaders, anonymousFrom } from './anonymous-identity.js';
import { customFrom } from './caller-identity.js';
import type { CallCore } from './call-core.js';
import { InviteClient } from './invite-client.js';
import { lenient } from './lenient-read.js';
import { NegotiationError, toNegotiationError } from './negotiation.js';
import { EarlyUpdate } from './early-update.js';
import { PrackSender } from './prack-sender.js';
import { RELIABLE_PROVISIONALS } from './reliable-provisional.js';
import { isSdp, SDP } from './sdp-body.js';
import type { SessionRefresh } from './session-refresh.js';
import type { CallOptions } from './session-options.js';
import { isPreAnswer } from './session-status.js';
import { DEV } from '../diagnostics/dev-mode.js';

/**
 * The UAC side of a call: our INVITE (sent once local media and the offer are ready), its
 * provisional responses with their early dialogs and early media, and its 2xx, forks and
 * retransmissions included, until the dialog is confirmed by our ACK.
 */
export class OutgoingInvite {
  readonly #core: CallCore;
  readonly #refresh: SessionRefresh;
  /** By To-tag; made by the first provisional response with a tag, dropped once answered. */
  #earlyDialogs: Map<string, Dialog> | undefined;
  #client: InviteClient | undefined;
  /** The SDP answer of each early dialog (by To-tag), for a 2xx that does not repeat it. */
  #earlyAnswers: Map<string, string> | undefined;
  /** The early answer applied to the media (JSEP pranswer): the first one, from any fork. */
  #earlyMediaTag: string | undefined;
  /** Made by the first reliable provisional response (RFC 3262). */
  #pracks: PrackSender | undefined;
  /**
   * The early dialog whose reliable 18x answered our offer (RFC 3262 §5): that answer was applied
   * as final, so the offer/answer is complete and an UPDATE may carry a new one (RFC 3311).
   */
  #settledTag: string | undefined;
  #earlyUpdate: EarlyUpdate | undefined;
  /** Our INVITE said `Supported: 100rel` (the call's `reliableProvisionals`). */
  #reliable = true;

  constructor(core: CallCore, refresh: SessionRefresh) {
    this.#core = core;
    this.#refresh = refresh;
  }

  /** Sets up media, makes the offer and sends the INVITE. */
  async start(ruri: string, options: CallOptions): Promise<void> {
    const core = this.#core;
    const negotiation = core.setUpMedia(options);
    let offer: string;
    try {
      offer = await core.serial(() => negotiation.offer());
    } catch (error) {
      return core.finish('failed', 'local', toNegotiationError(error).cause, undefined);
    }
    if (core.status === 'terminated') return;
    this.#reliable = options.reliableProvisionals !== false;
    const invite = this.#build(ruri, offer, options);
    // The app sees the request, not the credentials it carries (bearer token, digest response).
    const shown = { ...invite, headers: redactHeaderEntries(invite.headers) };
    core.events.emit('connecting', { request: shown });
    if (!isPreAnswer(core.status)) return; // a `connecting` listener hung up
    core.events.emit('sending', { request: shown });
    const client = new InviteClient(core.context.transactions, core.context.channel, invite, {
      onProvisional: (response) => this.#provisional(response, client),
      onSuccess: (response, sent) => this.#answered(response, sent),
      onFailure: (response) =>
        core.finish('failed', 'remote', causeOfStatus(response.status), response),
      retryAfter: (response, sent) =>
        response.status === 422 && this.#refresh.accept422(response)
          ? withTimerHeaders(sent, this.#refresh.inviteHeaders())
          : undefined,
      onNoResponse: (kind) =>
        core.finish(
          'failed',
          'system',
          kind === 'timeout' ? Causes.REQUEST_TIMEOUT : Causes.CONNECTION_ERROR,
          undefined,
        ),
      // The INVITE and its transaction go with it; the call keeps only its dialog.
      onDone: () => {
        if (this.#client === client) this.#client = undefined;
      },
    });
    this.#client = client;
    try {
      client.start();
    } catch (error) {
      core.warn(DEV ? 'session: INVITE not sent' : 'session.invite-not-sent', error);
      core.finish('failed', 'system', Causes.CONNECTION_ERROR, undefined);
    }
  }

  /** CANCELs the INVITE (sent once it is out and a provisional response came, RFC 3261 §9.1). */
  cancel(extraHeaders: readonly string[]): void {
    this.#client?.cancel(extraHeaders.map(headerLine));
  }

  /** The call ended: the early dialogs are forgotten. */
  stop(): void {
    for (const early of this.#earlyDialogs?.values() ?? []) this.#core.context.detach(early);
    this.#earlyDialogs = undefined;
    this.#pracks = undefined;
  }

  #build(ruri: string, offer: string, options: CallOptions): OutgoingRequest {
    const { context, localTag } = this.#core;
    const anonymous = options.anonymous === true;
    const request = context.factory.outOfDialog({
      method: 'INVITE',
      ruri,
      callId: this.#core.callId,
      cseq: 1,
      fromTag: localTag,
      contact: context.identity.dialogContact(anonymous),
      headers: [
        ...withReliableProvisionals(context.capabilityHeaders(), options),
        ...this.#refresh.inviteHeaders(),
        ...(anonymous ? anonymityHeaders(context.identity.addressHeader()) : []),
      ],
      extraHeaders: options.extraHeaders ?? [],
      body: offer,
      contentType: SDP,
    });
    const from = anonymous
      ? anonymousFrom(localTag)
      : customFrom(this.#core.session.localIdentity, options, localTag);
    if (from === undefined) return request;
    const headers = request.headers.map((entry): HeaderEntry =>
      entry[0] === 'From' ? ['From', from] : entry,
    );
    return { ...request, headers };
  }

  #provisional(response: IncomingResponse, client: InviteClient): void {
    const core = this.#core;
    if (!isPreAnswer(core.status)) return;
    const tag = response.to.tag;
    const earlyDialogs = (this.#earlyDialogs ??= new Map());
    if (tag !== undefined && !earlyDialogs.has(tag)) {
      const dialog = core.tryDialog(() =>
        Dialog.fromResponse(client.request, response, core.context.dialogContext),
      );
      if (dialog !== undefined) {
        earlyDialogs.set(tag, dialog);
        core.attach(dialog);
      }
    }
    const dialog = tag === undefined ? undefined : earlyDialogs.get(tag);
    // RFC 3262 §4: reliable ones are processed once and in order, each PRACKed in its dialog.
    let reliable = false;
    if (dialog !== undefined && this.#reliable) {
      this.#pracks ??= new PrackSender(core);
      const verdict = this.#pracks.check(response);
      if (verdict === 'discard') return;
      reliable = verdict === 'in-order';
    }
    const sdp = isSdp(response) ? response.body : undefined;
    if (sdp !== undefined) this.#earlyAnswer(tag ?? '', sdp, reliable);
    if (reliable && dialog !== undefined) this.#pracks?.acknowledge(response, dialog);
    core.setStatus(this.#earlyMediaTag === undefined ? 'ringing' : 'early');
    core.events.emit('progress', { originator: 'remote', response });
  }

  /**
   * An answer to our offer in an 18x of early dialog `tag`. The first one is applied to the
   * media: as final when it came reliably (RFC 3262 §5: the offer/answer is complete, and an
   * early UPDATE may follow), else as a JSEP pranswer. Each is kept for its dialog's 2xx, which
   * may not repeat it.
   */
  #earlyAnswer(tag: string, sdp: string, reliable: boolean): void {
    const core = this.#core;
    const answers = (this.#earlyAnswers ??= new Map());
    if (answers.has(tag)) return;
    answers.set(tag, sdp);
    if (this.#earlyMediaTag !== undefined) return;
    this.#earlyMediaTag = tag;
    if (reliable) this.#settledTag = tag;
    const negotiation = core.negotiation;
    core
      .serial(() => negotiation?.accept(sdp, !reliable) ?? Promise.resolve())
      .catch((error: unknown) =>
        core.warn(DEV ? 'session: early media SDP refused' : 'session.early-sdp-refused', error),
      );
  }

  /**
   * A request from the callee in one of our early dialogs (before any 2xx): an UPDATE, answered
   * once a reliable 18x of that dialog completed the offer/answer; until then 491, as our offer
   * is still unanswered (RFC 3311 §5.2). False for anything else (481).
   */
  receiveEarly(request: IncomingRequest, transaction: ServerTransaction): boolean {
    const core = this.#core;
    const dialog = this.#earlyDialogs?.get(request.from.tag ?? '');
    if (dialog === undefined || request.method !== 'UPDATE') return false;
    if (!dialog.acceptRemoteSeq(request)) {
      transaction.respond(core.response(request, 500));
      return true;
    }
    if (request.body !== '' && this.#settledTag !== request.from.tag) {
      transaction.respond(core.response(request, 491));
      return true;
    }
    (this.#earlyUpdate ??= new EarlyUpdate(core)).receive(dialog, request, transaction);
    return true;
  }

  /** Our new offer by UPDATE in the early dialog whose reliable 18x answered (RFC 3311 §5.1). */
  sendEarlyUpdate(): Promise<boolean> {
    const dialog =
      this.#settledTag === undefined ? undefined : this.#earlyDialogs?.get(this.#settledTag);
    if (dialog === undefined) return Promise.resolve(false);
    return (this.#earlyUpdate ??= new EarlyUpdate(this.#core)).send(dialog);
  }

  #answered(response: IncomingResponse, invite: OutgoingRequest): void {
    const core = this.#core;
    const tag = response.to.tag ?? '';
    const current = core.dialog;
    if (current !== undefined && current.id.remoteTag === tag) {
      // A retransmitted 2xx: our ACK was lost somewhere behind the proxy (RFC 3261 §13.2.2.4).
      core.context.sendAck(current.createAck(response.cseq.seq));
      return;
    }
    if (current !== undefined || core.status === 'terminated') {
      // A second fork answered, or the callee answered as our CANCEL crossed its 2xx: the
      // dialog exists on the far end, so it is acknowledged and ended at once (§13.2.2.4, §15).
      return this.#endStray(response, invite);
    }
    const dialog =
      this.#earlyDialogs?.get(tag) ??
      core.tryDialog(() => Dialog.fromResponse(invite, response, core.context.dialogContext));
    if (dialog === undefined) return core.finish('failed', 'system', Causes.DIALOG_ERROR, response);
    this.#confirmDialog(dialog, response, tag);
    const displayName = answeredDisplayName(response);
    if (displayName !== undefined && displayName !== core.remoteIdentity.displayName) {
      core.remoteIdentity = { displayName, uri: core.remoteIdentity.uri };
    }
    this.#refresh.answered(response);
    core.accepted('remote', response);
    this.#acceptAnswer(dialog, response);
  }

  #endStray(response: IncomingResponse, invite: OutgoingRequest): void {
    const { context } = this.#core;
    const stray = this.#core.tryDialog(() =>
      Dialog.fromResponse(invite, response, context.dialogContext),
    );
    if (stray === undefined) return;
    context.sendAck(stray.createAck(response.cseq.seq));
    void context.channel.send(stray.createRequest('BYE'));
  }

  /** The answering fork's dialog becomes the call's; the other early dialogs are dropped. */
  #confirmDialog(dialog: Dialog, response: IncomingResponse, tag: string): void {
    const core = this.#core;
    dialog.confirm();
    dialog.refreshTarget(response);
    dialog.updateRemoteHeader(response.header('to'));
    core.dialog = dialog;
    core.attach(dialog);
    for (const [earlyTag, early] of this.#earlyDialogs ?? [])
      if (earlyTag !== tag) core.context.detach(early);
    this.#earlyDialogs = undefined;
    this.#pracks = undefined;
  }

  /** Applies the answer (in the 2xx, or the early one), then ACKs: confirmed, or BYE on failure. */
  #acceptAnswer(dialog: Dialog, response: IncomingResponse): void {
    const core = this.#core;
    const tag = response.to.tag ?? '';
    const answers = this.#earlyAnswers;
    const sdp = isSdp(response) ? response.body : (answers?.get(tag) ?? answers?.get(''));
    this.#earlyAnswers = undefined; // not needed again, and they pin their 18x
    // RFC 3262 §5: the reliable 18x's answer completed the offer/answer; the media has it (and
    // any early UPDATE's), and a 2xx SDP may only repeat it. Another fork's answer cannot be
    // applied over a complete offer/answer (JSEP has no state that takes a second answer).
    const settled = this.#settledTag;
    if (settled !== undefined && settled !== tag)
      core.warn(
        DEV
          ? 'session: a fork answered after another completed the offer/answer'
          : 'session.late-fork-answer',
      );
    const negotiation = core.negotiation;
    core
      .serial(async () => {
        if (settled !== undefined) return;
        if (sdp === undefined)
          throw new NegotiationError(
            Causes.MISSING_SDP,
            DEV ? 'the 2xx has no SDP answer' : 'session.no-sdp-answer 2xx',
          );
        await negotiation?.accept(sdp);
      })
      .then(
        () => {
          core.context.sendAck(dialog.createAck(response.cseq.seq));
          core.confirmed('local', undefined);
        },
        (error: unknown) => {
          core.context.sendAck(dialog.createAck(response.cseq.seq));
          if (core.status === 'terminated') return;
          core.hangUp(toNegotiationError(error).cause, response);
        },
      );
  }
}

/** The INVITE's Supported with 100rel added, unless the call opted out (RFC 3262 §4). */
function withReliableProvisionals(headers: HeaderEntry[], options: CallOptions): HeaderEntry[] {
  if (options.reliableProvisionals === false) return headers;
  return headers.map(([name, value]): HeaderEntry =>
    name === 'Supported' ? [name, `${RELIABLE_PROVISIONALS}, ${value}`] : [name, value],
  );
}

const TIMER_HEADERS = new Set(['session-expires', 'x', 'min-se', 'cseq']);

/** The INVITE again with new session-timer headers and the next CSeq (RFC 4028 §7.3 retry). */
function withTimerHeaders(
  request: OutgoingRequest,
  timer: readonly HeaderEntry[],
): OutgoingRequest {
  const cseq = request.headers.find(([name]) => name.toLowerCase() === 'cseq')?.[1] ?? '1 INVITE';
  const next = Number.parseInt(cseq, 10) + 1;
  const headers: HeaderEntry[] = [];
  for (const entry of request.headers) {
    const key = entry[0].toLowerCase();
    if (key === 'cseq') headers.push([entry[0], `${next} ${request.method}`]);
    else if (!TIMER_HEADERS.has(key)) headers.push(entry);
  }
  headers.push(...timer);
  return { ...request, headers };
}

/**
 * The callee's name as its answer tells it: the network-asserted identity (RFC 3325
 * P-Asserted-Identity, what PBXs put there) or else the To display name. Unreadable: undefined.
 */
function answeredDisplayName(response: IncomingResponse): string | undefined {
  const asserted = response.header('p-asserted-identity');
  const name =
    asserted === undefined ? undefined : lenient(() => parseNameAddr(asserted).displayName);
  return name ?? response.to.displayName;
}
