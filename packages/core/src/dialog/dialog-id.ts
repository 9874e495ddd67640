/**
 * A dialog's identity (RFC 3261 §12): Call-ID plus both tags, seen from this side.
 *
 * @example dialogKey({ callId: 'a84b4c76e66710', localTag: '1928301774', remoteTag: 'a6c85cf' })
 */
export interface DialogId {
  readonly callId: string;
  readonly localTag: string;
  readonly remoteTag: string;
}

/** The map key of a dialog id. Tags compare exactly (RFC 3261 §19.3: tags are tokens). */
export function dialogKey(id: DialogId): string {
  return `${id.callId}\u0000${id.localTag}\u0000${id.remoteTag}`;
}
