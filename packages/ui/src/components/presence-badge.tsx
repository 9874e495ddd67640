import { usePresence, type UsePresenceResult } from '@sipkit/react';
import { forwardRef, type ComponentPropsWithoutRef } from 'react';
import { classNames } from '../internal/class-names.js';
import { truncateText } from '../internal/truncate-text.js';
import { defaultMessages } from '../messages/default-messages.js';
import { useMessages } from '../messages/messages-provider.js';
import type { PresenceMessages } from '../messages/sipkit-messages.js';

/** Props of `<PresenceBadge>`. */
export interface PresenceBadgeProps extends Omit<ComponentPropsWithoutRef<'span'>, 'children'> {
  /** Whose presence: a user of our domain or a SIP URI (the same spelling everywhere shares one SUBSCRIBE). */
  readonly uri: string;
  /** Also show the presentity's note ("back at 3"), cut to 60 characters. Default true. */
  readonly showNote?: boolean;
}

/**
 * A presence dot and word ("Available", "On the phone", "Away: lunch") over `usePresence(uri)`.
 * `data-sipkit-availability` is the availability (`available`, `away`, `busy`, `on-the-phone`,
 * `offline`, `unknown`), `data-sipkit-state` the subscription's status (`idle`, `subscribing`,
 * `pending`, `active`, `terminated`); a terminated subscription says why in words.
 *
 * @example <PresenceBadge uri="sip:bob@example.com" />
 */
export const PresenceBadge = forwardRef<HTMLSpanElement, PresenceBadgeProps>(function PresenceBadge(
  { uri, showNote = true, className, ...rest },
  ref,
) {
  const presence = usePresence(uri);
  const { presence: messages } = useMessages();
  const note =
    showNote && presence.note !== undefined && presence.note !== '' ? presence.note : undefined;
  return (
    <span
      ref={ref}
      className={classNames('sk-presence', className)}
      data-sipkit-availability={presence.availability}
      data-sipkit-state={presence.status}
      {...rest}
    >
      <span className="sk-presence-dot" aria-hidden="true" />
      <span className="sk-presence-text" title={note}>
        {presenceText(presence, messages)}
        {note === undefined ? null : `: ${truncateText(note, 60)}`}
      </span>
    </span>
  );
});

/**
 * The badge's word for a presence, in the language of `messages`.
 *
 * @example presenceText({ status: 'active', availability: 'away', reason: undefined }) // 'Away'
 */
export function presenceText(
  presence: Pick<UsePresenceResult, 'status' | 'availability' | 'reason'>,
  messages: PresenceMessages = defaultMessages.presence,
): string {
  if (presence.status === 'terminated' && presence.availability === 'unknown') {
    return messages.unavailable(presence.reason);
  }
  if (presence.status === 'pending') return messages.pending;
  switch (presence.availability) {
    case 'available':
      return messages.available;
    case 'away':
      return messages.away;
    case 'busy':
      return messages.busy;
    case 'on-the-phone':
      return messages.onThePhone;
    case 'offline':
      return messages.offline;
    case 'unknown':
      return messages.unknown;
  }
}
