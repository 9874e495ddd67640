import { EventBodyError } from './event-body-error.js';
import { childOf, childrenOf, escapeXml, parseXml, type XmlElement } from './xml-reader.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** RFC 4235 §4.1. */
export const DIALOG_INFO_NAMESPACE = 'urn:ietf:params:xml:ns:dialog-info';
/** Content type of a dialog-info body (RFC 4235 §4). */
export const DIALOG_INFO_CONTENT_TYPE = 'application/dialog-info+xml';

/** A dialog's state (RFC 4235 §3.7.1). */
export type DialogInfoState = 'trying' | 'proceeding' | 'early' | 'confirmed' | 'terminated';

/** One side of a dialog (`<local>`/`<remote>`, RFC 4235 §4.1.6). */
export interface DialogParticipant {
  readonly identity: string | undefined;
  readonly displayName: string | undefined;
  readonly target: string | undefined;
}

/** One `<dialog>` (RFC 4235 §4.1.2). */
export interface DialogInfoEntry {
  readonly id: string;
  readonly callId: string | undefined;
  readonly localTag: string | undefined;
  readonly remoteTag: string | undefined;
  /** `initiator`: the watched user called; `recipient`: the watched user is called. */
  readonly direction: 'initiator' | 'recipient' | undefined;
  readonly state: DialogInfoState;
  readonly local: DialogParticipant | undefined;
  readonly remote: DialogParticipant | undefined;
}

/** A dialog-info document, read. */
export interface DialogInfoDocument {
  readonly entity: string;
  readonly version: number;
  /** `full` replaces what was known; `partial` updates the dialogs it lists (RFC 4235 §4.1). */
  readonly state: 'full' | 'partial';
  readonly dialogs: readonly DialogInfoEntry[];
}

const STATES: ReadonlySet<string> = new Set([
  'trying',
  'proceeding',
  'early',
  'confirmed',
  'terminated',
]);

/**
 * Parses an `application/dialog-info+xml` body. Throws `EventBodyError` (only) for malformed
 * XML, a root that is not `<dialog-info>`, or a missing/unknown version, state or dialog state.
 *
 * @example const lamp = busyLampOf(parseDialogInfo(body)); // 'idle' | 'ringing' | 'busy'
 */
export function parseDialogInfo(body: string): DialogInfoDocument {
  const root = parseXml(body);
  if (root.localName !== 'dialog-info' || root.namespace !== DIALOG_INFO_NAMESPACE) {
    throw new EventBodyError('dialog-info', DEV ? 'the root is not <dialog-info>' : 'event.root');
  }
  const entity = root.attributes['entity'] ?? '';
  const version = Number(root.attributes['version']);
  if (!Number.isSafeInteger(version) || version < 0) {
    throw new EventBodyError(
      'dialog-info',
      DEV ? 'version must be a number 0 or more' : 'event.version',
    );
  }
  const state = root.attributes['state'];
  if (state !== 'full' && state !== 'partial') {
    throw new EventBodyError('dialog-info', DEV ? 'state must be full or partial' : 'event.state');
  }
  const dialogs = childrenOf(root, DIALOG_INFO_NAMESPACE, 'dialog').map(dialogOf);
  return { entity, version, state, dialogs };
}

function dialogOf(dialog: XmlElement): DialogInfoEntry {
  const state = childOf(dialog, DIALOG_INFO_NAMESPACE, 'state')?.text.trim().toLowerCase() ?? '';
  if (!STATES.has(state))
    throw new EventBodyError(
      'dialog-info',
      DEV
        ? `unknown dialog state "${state.slice(0, 20)}"`
        : `event.dialog-state ${state.slice(0, 20)}`,
    );
  const direction = dialog.attributes['direction'];
  return {
    id: dialog.attributes['id'] ?? '',
    callId: dialog.attributes['call-id'],
    localTag: dialog.attributes['local-tag'],
    remoteTag: dialog.attributes['remote-tag'],
    direction: direction === 'initiator' || direction === 'recipient' ? direction : undefined,
    state: state as DialogInfoState,
    local: participantOf(childOf(dialog, DIALOG_INFO_NAMESPACE, 'local')),
    remote: participantOf(childOf(dialog, DIALOG_INFO_NAMESPACE, 'remote')),
  };
}

function participantOf(element: XmlElement | undefined): DialogParticipant | undefined {
  if (element === undefined) return undefined;
  const identity = childOf(element, DIALOG_INFO_NAMESPACE, 'identity');
  const target = childOf(element, DIALOG_INFO_NAMESPACE, 'target');
  return {
    identity: identity?.text.trim(),
    displayName: identity?.attributes['display'],
    target: target?.attributes['uri'],
  };
}

/** What a busy lamp shows (BLF): RFC 4235 dialog states folded into three. */
export type BusyLamp =
  | { readonly state: 'idle' }
  | {
      readonly state: 'ringing';
      /** Who is calling the watched user, for call pickup; undefined when not told. */
      readonly caller: DialogParticipant | undefined;
      readonly dialog: DialogInfoEntry;
    }
  | { readonly state: 'busy'; readonly dialog: DialogInfoEntry };

/**
 * The lamp of a watched user from its dialogs (after applying `partial` updates yourself, or
 * from a `full` document): busy when any dialog is confirmed or the user is calling out,
 * ringing when a call to the user is early, otherwise idle.
 *
 * @example busyLampOf(parseDialogInfo(body)).state === 'ringing'
 */
export function busyLampOf(document: Pick<DialogInfoDocument, 'dialogs'>): BusyLamp {
  const live = document.dialogs.filter((d) => d.state !== 'terminated');
  const busy =
    live.find((d) => d.state === 'confirmed') ?? live.find((d) => d.direction === 'initiator');
  if (busy !== undefined) return { state: 'busy', dialog: busy };
  const ringing = live[0];
  if (ringing !== undefined) return { state: 'ringing', caller: ringing.remote, dialog: ringing };
  return { state: 'idle' };
}

/** What `buildDialogInfo` writes. */
export interface DialogInfoInit {
  readonly entity: string;
  readonly version: number;
  readonly state?: 'full' | 'partial';
  readonly dialogs: ReadonlyArray<
    Omit<DialogInfoEntry, 'local' | 'remote' | 'direction' | 'callId' | 'localTag' | 'remoteTag'> &
      Partial<
        Pick<
          DialogInfoEntry,
          'local' | 'remote' | 'direction' | 'callId' | 'localTag' | 'remoteTag'
        >
      >
  >;
}

/**
 * Writes a dialog-info body (RFC 4235), e.g. for a notifier serving busy lamps.
 *
 * @example notifier.notify(buildDialogInfo({ entity: 'sip:bob@example.com', version: 0, dialogs: [] }));
 */
export function buildDialogInfo(init: DialogInfoInit): string {
  const dialogs = init.dialogs
    .map((d) => {
      const attributes = [
        ['id', d.id],
        ['call-id', d.callId],
        ['local-tag', d.localTag],
        ['remote-tag', d.remoteTag],
        ['direction', d.direction],
      ]
        .filter((pair): pair is [string, string] => pair[1] !== undefined)
        .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
        .join('');
      return `<dialog${attributes}><state>${d.state}</state>${participant('local', d.local)}${participant('remote', d.remote)}</dialog>`;
    })
    .join('');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n` +
    `<dialog-info xmlns="${DIALOG_INFO_NAMESPACE}" version="${Math.max(0, Math.floor(init.version))}" state="${init.state ?? 'full'}" entity="${escapeXml(init.entity)}">` +
    `${dialogs}</dialog-info>`
  );
}

function participant(tag: 'local' | 'remote', who: DialogParticipant | undefined): string {
  if (who === undefined) return '';
  const display = who.displayName === undefined ? '' : ` display="${escapeXml(who.displayName)}"`;
  const identity =
    who.identity === undefined ? '' : `<identity${display}>${escapeXml(who.identity)}</identity>`;
  const target = who.target === undefined ? '' : `<target uri="${escapeXml(who.target)}"/>`;
  return `<${tag}>${identity}${target}</${tag}>`;
}
