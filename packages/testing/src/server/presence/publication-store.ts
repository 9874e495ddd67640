import { randomToken } from '../random-token.js';

/** One published state of an AOR (RFC 3903 §6): its entity-tag, body and lifetime. */
interface Publication {
  readonly aor: string;
  readonly body: string;
  /** When the body was last set (published or modified, not refreshed): the newest one wins. */
  readonly changedAt: number;
  readonly timer: ReturnType<typeof setTimeout>;
}

/** What a PUBLISH asks, already read from the request. */
export interface PublishAttempt {
  readonly aor: string;
  /** `SIP-If-Match`: the entity-tag of the publication to refresh, modify or remove. */
  readonly ifMatch: string | undefined;
  readonly expires: number;
  /** The new state; undefined for a refresh (RFC 3903 §4.4). */
  readonly body: string | undefined;
}

/** The answer to a PUBLISH: 200 with the new entity-tag, or a refusal. */
export type PublishOutcome =
  | { readonly kind: 'published'; readonly etag: string; readonly expires: number }
  | { readonly kind: 'removed' }
  | { readonly kind: 'refused'; readonly status: number; readonly reason: string };

/**
 * The event state compositor's store for presence (RFC 3903 §6): publications per AOR by
 * entity-tag, each with its own expiry, bounded in all. The newest body of an AOR is its state:
 * one device's latest publication, no merging of tuples (enough for a development server).
 *
 * @example store.publish({ aor: 'alice@sip.test', ifMatch: undefined, expires: 3600, body: pidf })
 */
export class PublicationStore {
  readonly #byTag = new Map<string, Publication>();
  readonly #max: number;
  readonly #now: () => number;
  readonly #changed: (aor: string) => void;

  constructor(max: number, now: () => number, changed: (aor: string) => void) {
    this.#max = max;
    this.#now = now;
    this.#changed = changed;
  }

  get size(): number {
    return this.#byTag.size;
  }

  /** RFC 3903 §6 steps 3-8, after the caller checked the event package and the body. */
  publish(attempt: PublishAttempt): PublishOutcome {
    const previous = attempt.ifMatch === undefined ? undefined : this.#byTag.get(attempt.ifMatch);
    if (attempt.ifMatch !== undefined && (previous === undefined || previous.aor !== attempt.aor))
      return { kind: 'refused', status: 412, reason: 'Conditional Request Failed' }; // §6 step 4
    if (previous === undefined && attempt.body === undefined)
      return { kind: 'refused', status: 400, reason: 'Missing Body' }; // §6 step 5: initial without state
    if (attempt.expires === 0) {
      if (attempt.ifMatch !== undefined) this.#remove(attempt.ifMatch);
      return { kind: 'removed' };
    }
    if (previous === undefined && this.#byTag.size >= this.#max)
      return { kind: 'refused', status: 503, reason: 'Too Many Publications' };
    if (attempt.ifMatch !== undefined) this.#drop(attempt.ifMatch);
    // §6 step 8: every successful PUBLISH gets a fresh entity-tag.
    const etag = randomToken(16);
    const now = this.#now();
    const body = attempt.body ?? previous?.body ?? '';
    this.#byTag.set(etag, {
      aor: attempt.aor,
      body,
      changedAt: attempt.body === undefined && previous !== undefined ? previous.changedAt : now,
      timer: setTimeout(() => this.#remove(etag), attempt.expires * 1000),
    });
    if (attempt.body !== undefined) this.#changed(attempt.aor);
    return { kind: 'published', etag, expires: attempt.expires };
  }

  /** The AOR's current published state (the newest body), undefined when nothing is published. */
  stateOf(aor: string): string | undefined {
    let newest: Publication | undefined;
    for (const publication of this.#byTag.values()) {
      if (publication.aor !== aor) continue;
      if (newest === undefined || publication.changedAt >= newest.changedAt) newest = publication;
    }
    return newest?.body;
  }

  /** Forgets everything and stops every expiry timer. */
  close(): void {
    for (const publication of this.#byTag.values()) clearTimeout(publication.timer);
    this.#byTag.clear();
  }

  #remove(etag: string): void {
    const publication = this.#drop(etag);
    if (publication !== undefined) this.#changed(publication.aor);
  }

  #drop(etag: string): Publication | undefined {
    const publication = this.#byTag.get(etag);
    if (publication === undefined) return undefined;
    clearTimeout(publication.timer);
    this.#byTag.delete(etag);
    return publication;
  }
}
