import type { PresenceStatus } from '@sipkit/react';

/** What the "My status" menu offers; `automatic` publishes nothing (the server tells registration). */
export type OwnPresenceChoice = 'automatic' | 'available' | 'away' | 'busy' | 'offline';

/** The menu's entries, in order, with their labels. */
export const OWN_PRESENCE_CHOICES: ReadonlyArray<{
  readonly value: OwnPresenceChoice;
  readonly label: string;
}> = [
  { value: 'automatic', label: 'Automatic (online while connected)' },
  { value: 'available', label: 'Available' },
  { value: 'away', label: 'Away' },
  { value: 'busy', label: 'Busy' },
  { value: 'offline', label: 'Appear offline' },
];

/**
 * The PIDF/RPID state a choice publishes (RFC 3863 basic status, RFC 4480 activities), or
 * undefined for `automatic`.
 *
 * @example presenceOfChoice('away') // { open: true, activities: ['away'] }
 */
export function presenceOfChoice(choice: OwnPresenceChoice): PresenceStatus | undefined {
  switch (choice) {
    case 'automatic':
      return undefined;
    case 'available':
      return { open: true };
    case 'away':
      return { open: true, activities: ['away'] };
    case 'busy':
      return { open: true, activities: ['busy'] };
    case 'offline':
      return { open: false };
  }
}
