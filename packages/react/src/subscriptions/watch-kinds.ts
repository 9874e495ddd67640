import {
  busyLampOf,
  DIALOG_INFO_CONTENT_TYPE,
  MESSAGE_SUMMARY_CONTENT_TYPE,
  parseDialogInfo,
  parseMessageSummary,
  parsePresence,
  PIDF_CONTENT_TYPE,
  type BusyLamp,
  type DialogInfoEntry,
} from '@sipkit/core';
import type { SubscriptionsState, WatchState } from './subscription-state.js';

/** The slices of `SubscriptionsState` that hold watched resources. */
export type WatchSlice = 'presence' | 'dialog' | 'messageSummary';

/** The value a slice holds for one resource. */
export type WatchValue<S extends WatchSlice> =
  SubscriptionsState[S][string] extends WatchState<infer T> ? T : never;

/**
 * How to watch one event package: its name, what we accept, and a reader of NOTIFY bodies. The
 * reader is made per subscription because some packages fold one NOTIFY into the last ones.
 */
export interface WatchKind<S extends WatchSlice> {
  readonly slice: S;
  readonly event: string;
  readonly accept: string;
  /** A fresh reader; it throws `EventBodyError` for a body it cannot read. */
  readonly reader: () => (body: string) => WatchValue<S>;
}

/** Presence (RFC 3856) with PIDF bodies (RFC 3863). */
export const PRESENCE: WatchKind<'presence'> = {
  slice: 'presence',
  event: 'presence',
  accept: PIDF_CONTENT_TYPE,
  reader: () => parsePresence,
};

/**
 * Busy lamps (RFC 4235). A `partial` document updates only the dialogs it lists and `full`
 * replaces them all (§4.1), so the reader keeps the dialogs seen so far; a terminated dialog
 * is forgotten once reported.
 */
export const DIALOG: WatchKind<'dialog'> = {
  slice: 'dialog',
  event: 'dialog',
  accept: DIALOG_INFO_CONTENT_TYPE,
  reader: () => {
    let dialogs = new Map<string, DialogInfoEntry>();
    return (body: string): BusyLamp => {
      const document = parseDialogInfo(body);
      if (document.state === 'full') dialogs = new Map();
      for (const dialog of document.dialogs) dialogs.set(dialog.id, dialog);
      const lamp = busyLampOf({ dialogs: [...dialogs.values()] });
      for (const [id, dialog] of dialogs) if (dialog.state === 'terminated') dialogs.delete(id);
      return lamp;
    };
  },
};

/** Message waiting (RFC 3842). */
export const MESSAGE_SUMMARY: WatchKind<'messageSummary'> = {
  slice: 'messageSummary',
  event: 'message-summary',
  accept: MESSAGE_SUMMARY_CONTENT_TYPE,
  reader: () => parseMessageSummary,
};
