import { EventBodyError } from './event-body-error.js';
import { childOf, childrenOf, escapeXml, parseXml, type XmlElement } from './xml-reader.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** PIDF (RFC 3863 §4.1). */
export const PIDF_NAMESPACE = 'urn:ietf:params:xml:ns:pidf';
/** RPID (RFC 4480 §3). */
export const RPID_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:rpid';
/** The data model's person element (RFC 4479 §3.3), where RPID activities usually sit. */
export const DATA_MODEL_NAMESPACE = 'urn:ietf:params:xml:ns:pidf:data-model';
/** Content type of a PIDF body (RFC 3863 §4). */
export const PIDF_CONTENT_TYPE = 'application/pidf+xml';

/** One `<tuple>` of a PIDF document (RFC 3863 §4.1.2). */
export interface PresenceTuple {
  readonly id: string;
  /** `<status><basic>`: open (can communicate) or closed; undefined when absent. */
  readonly basic: 'open' | 'closed' | undefined;
  readonly contact: string | undefined;
  readonly notes: readonly string[];
}

/** A presence document, read (RFC 3863 PIDF with RFC 4480 RPID activities). */
export interface PresenceDocument {
  /** The presentity, e.g. `sip:bob@example.com` (`entity` attribute). */
  readonly entity: string;
  readonly tuples: readonly PresenceTuple[];
  /**
   * RPID activities anywhere in the document (`on-the-phone`, `away`, `busy`, `meeting`,
   * `vacation`...), by element name; `other` activities give their text.
   */
  readonly activities: readonly string[];
  /** Every `<note>` of the document, the presence's, tuples' and persons' in order. */
  readonly notes: readonly string[];
  /** Open when any tuple is open, closed when all known ones are closed. */
  readonly basic: 'open' | 'closed' | undefined;
}

/**
 * Parses an `application/pidf+xml` body. Throws `EventBodyError` (and nothing else) for
 * malformed XML or a root that is not `<presence>` with an `entity`.
 *
 * @example
 * const doc = parsePresence(body);
 * const onPhone = doc.activities.includes('on-the-phone');
 */
export function parsePresence(body: string): PresenceDocument {
  const root = parseXml(body);
  if (root.localName !== 'presence' || root.namespace !== PIDF_NAMESPACE) {
    throw new EventBodyError('presence', DEV ? 'the root is not a PIDF <presence>' : 'event.root');
  }
  const entity = root.attributes['entity'];
  if (entity === undefined)
    throw new EventBodyError('presence', DEV ? '<presence> has no entity' : 'event.entity');
  const tuples = childrenOf(root, PIDF_NAMESPACE, 'tuple').map(tupleOf);
  const activities: string[] = [];
  collectActivities(root, activities);
  const notes: string[] = [];
  collectNotes(root, notes);
  const known = tuples.filter((t) => t.basic !== undefined);
  const basic = known.some((t) => t.basic === 'open')
    ? 'open'
    : known.length > 0
      ? 'closed'
      : undefined;
  return { entity, tuples, activities, notes, basic };
}

function tupleOf(tuple: XmlElement): PresenceTuple {
  const basicText = childOf(
    childOf(tuple, PIDF_NAMESPACE, 'status') ?? tuple,
    PIDF_NAMESPACE,
    'basic',
  )
    ?.text.trim()
    .toLowerCase();
  return {
    id: tuple.attributes['id'] ?? '',
    basic: basicText === 'open' || basicText === 'closed' ? basicText : undefined,
    contact: childOf(tuple, PIDF_NAMESPACE, 'contact')?.text.trim(),
    notes: childrenOf(tuple, PIDF_NAMESPACE, 'note').map((n) => n.text.trim()),
  };
}

function collectActivities(element: XmlElement, into: string[]): void {
  for (const child of element.children) {
    if (child.namespace === RPID_NAMESPACE && child.localName === 'activities') {
      for (const activity of child.children) {
        if (activity.namespace !== RPID_NAMESPACE) continue;
        if (activity.localName === 'other') into.push(activity.text.trim());
        else if (activity.localName !== 'note') into.push(activity.localName);
      }
    } else collectActivities(child, into);
  }
}

function collectNotes(element: XmlElement, into: string[]): void {
  for (const child of element.children) {
    const isNote =
      child.localName === 'note' &&
      (child.namespace === PIDF_NAMESPACE ||
        child.namespace === DATA_MODEL_NAMESPACE ||
        child.namespace === RPID_NAMESPACE);
    if (isNote) into.push(child.text.trim());
    else collectNotes(child, into);
  }
}

/** What `buildPresence` writes. */
export interface PresenceInit {
  /** The presentity, our AOR (`sip:alice@example.com`). */
  readonly entity: string;
  /** Willing and able to communicate (`<basic>open</basic>`) or not. */
  readonly open: boolean;
  /** RPID activities (RFC 4480 §3.2), e.g. `['on-the-phone']`, `['away']`. */
  readonly activities?: readonly string[];
  readonly note?: string;
  /** Contact URI of the tuple. */
  readonly contact?: string;
  /** Tuple id; default `sipkit`. */
  readonly tupleId?: string;
}

const ACTIVITY = /^[a-z][a-z0-9-]*$/;

/**
 * Writes a PIDF body (RFC 3863) with one tuple and, when activities are given, an RPID person
 * (RFC 4480) — the shape presence servers and softphones read. Unknown activity names go in
 * `<rpid:other>`.
 *
 * @example
 * publisher.publish(buildPresence({ entity: 'sip:alice@example.com', open: true, activities: ['on-the-phone'] }));
 */
export function buildPresence(init: PresenceInit): string {
  const id = escapeXml(init.tupleId ?? 'sipkit');
  const note = init.note === undefined ? '' : `<note>${escapeXml(init.note)}</note>`;
  const contact = init.contact === undefined ? '' : `<contact>${escapeXml(init.contact)}</contact>`;
  const activities = (init.activities ?? [])
    .map((a) => (ACTIVITY.test(a) ? `<rpid:${a}/>` : `<rpid:other>${escapeXml(a)}</rpid:other>`))
    .join('');
  const person =
    activities === ''
      ? ''
      : `<dm:person id="p-${id}"><rpid:activities>${activities}</rpid:activities></dm:person>`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<presence xmlns="${PIDF_NAMESPACE}" xmlns:dm="${DATA_MODEL_NAMESPACE}" xmlns:rpid="${RPID_NAMESPACE}" entity="${escapeXml(init.entity)}">` +
    `<tuple id="${id}"><status><basic>${init.open ? 'open' : 'closed'}</basic></status>${contact}</tuple>` +
    `${person}${note}</presence>`
  );
}
