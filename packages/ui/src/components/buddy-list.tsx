import { useDialogState, type UseDialogStateResult } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { truncateText } from '../internal/truncate-text.js';
import { usePlaceCall } from '../internal/use-place-call.js';
import { useMessages } from '../messages/messages-provider.js';
import { PresenceBadge } from './presence-badge.js';

/**
 * One contact of a `<BuddyList>`.
 *
 * @example const bob: Buddy = { uri: 'sip:bob@example.com', name: 'Bob' };
 */
export interface Buddy {
  /** Their AOR: watched for presence and dialogs, and called. */
  readonly uri: string;
  readonly name: string;
}

/**
 * A call ringing at a contact, handed to `onPickup`: the contact, the caller and the RFC 4235
 * dialog behind the lamp (its Call-ID and tags, for an INVITE with `Replaces`, RFC 3891, or a
 * PBX's pickup code).
 *
 * @example const onPickup = ({ buddy }: PickupRequest) => actions.call(`*8${buddy.uri}`);
 */
export interface PickupRequest {
  readonly buddy: Buddy;
  readonly lamp: UseDialogStateResult;
}

/** Props of `<BuddyList>`. */
export interface BuddyListProps extends Omit<ComponentPropsWithoutRef<'ul'>, 'children'> {
  readonly buddies: readonly Buddy[];
  /** Called with the new call's id after a click-to-call, or a pickup made by the list. */
  readonly onCall?: (id: string, buddy: Buddy) => void;
  /**
   * Picks up a contact's ringing call the app's way (a pickup code such as Asterisk's `*8`).
   * Without it, a ringing row whose server gave the dialog's ids (RFC 4235) offers the
   * built-in pickup (`useDialogState(uri).pickup()`: RFC 3891 `Replaces`), and other ringing
   * rows offer none.
   */
  readonly onPickup?: (request: PickupRequest) => void;
}

/**
 * Contacts with their presence, busy lamp (BLF), a click-to-call button and, while a contact's
 * phone rings, a pickup button (see `onPickup`), one row per contact. Each row watches its contact through `usePresence` and `useDialogState`, so rows of
 * the same contact elsewhere share the subscriptions. Rows carry `data-sipkit-lamp` (`idle`,
 * `ringing`, `busy`, `unknown`).
 *
 * @example <BuddyList buddies={[{ uri: 'sip:bob@example.com', name: 'Bob' }]} />
 */
export const BuddyList = forwardRef<HTMLUListElement, BuddyListProps>(function BuddyList(
  { buddies, onCall, onPickup, className, ...rest },
  ref,
) {
  const { presence: messages } = useMessages();
  return (
    <ul
      ref={ref}
      className={classNames('sk-buddy-list', className)}
      aria-label={messages.buddyList}
      {...rest}
    >
      {buddies.map((buddy) => (
        <BuddyRow
          key={buddy.uri}
          buddy={buddy}
          {...(onCall === undefined ? {} : { onCall })}
          {...(onPickup === undefined ? {} : { onPickup })}
        />
      ))}
    </ul>
  );
});

function BuddyRow({
  buddy,
  onCall,
  onPickup,
}: {
  readonly buddy: Buddy;
  readonly onCall?: (id: string, buddy: Buddy) => void;
  readonly onPickup?: (request: PickupRequest) => void;
}) {
  const lamp = useDialogState(buddy.uri);
  const { ready, place } = usePlaceCall(buddy.uri, undefined);
  const { presence: messages } = useMessages();
  const name = truncateText(buddy.name, 60);
  const caller = lamp.caller?.displayName ?? lamp.caller?.identity;
  return (
    <li className="sk-buddy" data-sipkit-lamp={lamp.lamp}>
      <span className="sk-buddy-lamp" aria-hidden="true" />
      <span className="sk-buddy-name">{name}</span>
      <PresenceBadge uri={buddy.uri} />
      <span className="sk-buddy-lamp-text">
        {lamp.lamp === 'ringing'
          ? messages.lampRinging(caller === undefined ? undefined : truncateText(caller, 60))
          : lamp.lamp === 'busy'
            ? messages.lampBusy
            : lamp.lamp === 'idle'
              ? messages.lampIdle
              : null}
      </span>
      <button
        type="button"
        className="sk-button"
        data-sipkit-variant="call"
        disabled={!ready}
        onClick={() => {
          // `ready` said the UA runs and the URI is dialable: what is left to throw is a bug.
          const id = place();
          onCall?.(id, buddy);
        }}
      >
        {messages.call(name)}
      </button>
      {lamp.lamp === 'ringing' && (onPickup !== undefined || lamp.pickup !== undefined) ? (
        <button
          type="button"
          className="sk-button"
          data-sipkit-variant="pickup"
          // The built-in pickup is a call: it waits for the connection like click-to-call.
          disabled={onPickup === undefined && !ready}
          onClick={() => {
            if (onPickup !== undefined) return onPickup({ buddy, lamp });
            const id = lamp.pickup?.();
            if (id !== undefined) onCall?.(id, buddy);
          }}
        >
          {messages.pickup(name)}
        </button>
      ) : null}
    </li>
  );
}
