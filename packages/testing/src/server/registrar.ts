import {
  createResponse,
  formatHeaderParams,
  formatUri,
  type Contact,
  type IncomingRequest,
  type OutgoingResponse,
} from '@sipkit/core';
import type { DigestVerifier } from './digest-verifier.js';
import type { Binding, LocationService } from './location-service.js';
import { randomToken } from './random-token.js';

/** Registrar policy. */
export interface RegistrarOptions {
  /** Shortest accepted registration in seconds; shorter gets 423 (default 10). */
  readonly minExpires?: number;
  /** Longest granted registration; longer is cut down (default 3600). */
  readonly maxExpires?: number;
  /** When given, REGISTER must carry valid digest credentials. */
  readonly verifier?: DigestVerifier | undefined;
  /** Contacts one AOR may have; one more gets 503 (default 10). */
  readonly maxContactsPerAor?: number;
  /** Contacts of every AOR together; one more gets 503 (default 1000). */
  readonly maxRegistrations?: number;
  /** Hand out GRUUs (RFC 5627) to clients that ask (default true). */
  readonly gruu?: boolean;
}

/**
 * A registrar (RFC 3261 §10.3) with RFC 5626 outbound and RFC 5627 GRUU support, writing into a
 * `LocationService`. Returns the response to send; never throws for a request the parser accepted.
 */
export class Registrar {
  readonly #location: LocationService;
  readonly #options: RegistrarOptions;
  readonly #now: () => number;

  constructor(location: LocationService, options: RegistrarOptions, now: () => number) {
    this.#location = location;
    this.#options = options;
    this.#now = now;
  }

  async register(request: IncomingRequest, connectionId: string): Promise<OutgoingResponse> {
    const toTag = randomToken(8);
    const reply = (status: number, reason?: string, headers: Array<[string, string]> = []) =>
      createResponse(request, status, reason, { toTag, headers });

    const aor = addressOfRecord(request);
    if (aor === undefined) return reply(404, 'Not Found');
    const verifier = this.#options.verifier;
    if (verifier !== undefined) {
      const verdict = await verifier.verify(
        request.parsed('authorization') ?? [],
        'REGISTER',
        request.body,
      );
      if (!verdict.ok) {
        return reply(
          401,
          undefined,
          verifier.challenges(verdict.stale).map((c) => ['WWW-Authenticate', c]),
        );
      }
      // §10.3 step 3: only the owner of an AOR may change its bindings.
      if (`${verdict.user}@` !== aor.slice(0, verdict.user.length + 1))
        return reply(403, 'Forbidden');
    }
    const contacts = request.parsed('contact');
    if (contacts === undefined) return this.#ok(reply, aor, request);
    if (contacts.wildcard) return this.#unregisterAll(request, reply, aor);
    return this.#update(request, reply, aor, contacts.contacts, connectionId);
  }

  #unregisterAll(request: IncomingRequest, reply: Reply, aor: string): OutgoingResponse {
    // §10.3 step 6: `*` only with Expires: 0 and no other Contact.
    if (request.parsed('expires') !== 0 || request.headers('contact').length !== 1) {
      return reply(400, 'Invalid Wildcard Contact');
    }
    this.#location.remove(aor);
    return this.#ok(reply, aor, request);
  }

  #update(
    request: IncomingRequest,
    reply: Reply,
    aor: string,
    contacts: readonly Contact[],
    connectionId: string,
  ): OutgoingResponse {
    const minExpires = this.#options.minExpires ?? 10;
    const requested = contacts.map((contact) => this.#requestedExpires(request, contact));
    if (requested.some((e) => e !== 0 && e < minExpires)) {
      return reply(423, 'Interval Too Brief', [['Min-Expires', String(minExpires)]]);
    }
    const full = this.#refusalForSize(aor, contacts, requested);
    if (full !== undefined) return reply(503, full);
    // §10.3 step 7: a stale REGISTER (same Call-ID, CSeq not higher) must not win.
    const stale = contacts.some((contact) => {
      const existing = this.#location.find(aor, formatContactUri(contact));
      return existing?.callId === request.callId && existing.cseq >= request.cseq.seq;
    });
    if (stale) return reply(500, 'Out Of Order Registration');
    for (const [i, contact] of contacts.entries()) {
      const contactUri = formatContactUri(contact);
      const expires = requested[i] ?? 0;
      if (expires === 0) this.#location.remove(aor, contactUri);
      else
        this.#location.put(this.#binding(request, aor, contact, contactUri, expires, connectionId));
    }
    return this.#ok(reply, aor, request);
  }

  // Bounded state: a client registering contact after contact gets 503 (as Kamailio's
  // max_contacts does), not an ever-growing location table.
  #refusalForSize(
    aor: string,
    contacts: readonly Contact[],
    requested: readonly number[],
  ): string | undefined {
    const current = new Set(this.#location.lookup(aor).map((b) => b.contactUri.toLowerCase()));
    const after = new Set(current);
    for (const [i, contact] of contacts.entries()) {
      const key = formatContactUri(contact).toLowerCase();
      if (requested[i] === 0) after.delete(key);
      else after.add(key);
    }
    const added = after.size - current.size;
    if (added <= 0) return undefined;
    if (after.size > (this.#options.maxContactsPerAor ?? 10)) return 'Too Many Contacts';
    if (this.#location.count() + added > (this.#options.maxRegistrations ?? 1000))
      return 'Registrar Full';
    return undefined;
  }

  #requestedExpires(request: IncomingRequest, contact: Contact): number {
    const requested = contact.expires ?? request.parsed('expires') ?? 3600;
    return Math.min(requested, this.#options.maxExpires ?? 3600);
  }

  #binding(
    request: IncomingRequest,
    aor: string,
    contact: Contact,
    contactUri: string,
    expires: number,
    connectionId: string,
  ): Binding {
    const wantsGruu =
      this.#options.gruu !== false && (request.parsed('supported') ?? []).includes('gruu');
    const instance = contact.instance?.replace(/^<|>$/g, '');
    const gruus =
      wantsGruu && instance !== undefined
        ? {
            pubGruu: `sip:${aor};gr=${instance}`,
            tempGruu: `sip:tgruu.${randomToken(12)}@${domainOf(aor)};gr`,
          }
        : {};
    return {
      aor,
      contactUri,
      contact,
      connectionId,
      callId: request.callId,
      cseq: request.cseq.seq,
      expiresAt: this.#now() + expires * 1000,
      ...gruus,
    };
  }

  // §10.3 step 8: the 200 lists every current binding with its remaining lifetime.
  #ok(reply: Reply, aor: string, request: IncomingRequest): OutgoingResponse {
    const now = this.#now();
    const headers: Array<[string, string]> = this.#location.lookup(aor).map((b) => {
      const params: Record<string, string> = { ...b.contact.params };
      params['expires'] = String(Math.max(0, Math.round((b.expiresAt - now) / 1000)));
      if (b.pubGruu !== undefined) params['pub-gruu'] = `"${b.pubGruu}"`;
      if (b.tempGruu !== undefined) params['temp-gruu'] = `"${b.tempGruu}"`;
      return ['Contact', `<${b.contactUri}>${formatHeaderParams(params)}`];
    });
    const usedOutbound = (request.parsed('contact')?.contacts ?? []).some(
      (c) => c.regId !== undefined,
    );
    if (usedOutbound && (request.parsed('supported') ?? []).includes('outbound')) {
      headers.push(['Require', 'outbound']); // RFC 5626 §6
    }
    headers.push(['Supported', 'path, gruu, outbound']);
    return reply(200, 'OK', headers);
  }
}

type Reply = (
  status: number,
  reason?: string,
  headers?: Array<[string, string]>,
) => OutgoingResponse;

/** `user@host` of the To URI, lowercased host; undefined when To has no user (§10.3 step 3). */
export function addressOfRecord(request: IncomingRequest): string | undefined {
  const uri = request.to.uri;
  if (uri.user === undefined || uri.scheme === 'tel') return undefined;
  return `${uri.user}@${uri.host.toLowerCase()}`;
}

function domainOf(aor: string): string {
  return aor.slice(aor.indexOf('@') + 1);
}

function formatContactUri(contact: Contact): string {
  return formatUri(contact.uri);
}
