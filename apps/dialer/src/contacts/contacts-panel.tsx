import { usePublishPresence } from '@sipkit/react';
import { BuddyList } from '@sipkit/ui';
import { useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import type { KeyValueStorage } from '../settings/settings-storage.js';
import { buddyOf, cleanContacts, loadContacts, MAX_CONTACTS, saveContacts } from './contacts.js';
import { OWN_PRESENCE_CHOICES, presenceOfChoice, type OwnPresenceChoice } from './own-presence.js';

/** Props of `<ContactsPanel>`. */
export interface ContactsPanelProps {
  /** Our AOR: whose contacts these are, and the domain a bare name belongs to. */
  readonly aor: string;
  readonly storage: KeyValueStorage | undefined;
}

/**
 * Presence and busy lamps of the account's contacts (`<BuddyList>`: one presence and one dialog
 * subscription each, click-to-call), our own status published with PUBLISH, and a field to add
 * contacts. The list is kept per account in storage; a first visit gets the demo's names.
 *
 * @example <ContactsPanel aor={setup.config.uri} storage={browserStorage()} />
 */
export function ContactsPanel({ aor, storage }: ContactsPanelProps) {
  const [contacts, setContacts] = useState(() => loadContacts(storage, aor));
  const [draft, setDraft] = useState('');
  const fieldId = useId();
  useEffect(() => saveContacts(storage, aor, contacts), [storage, aor, contacts]);
  const buddies = useMemo(() => contacts.map((entry) => buddyOf(entry, aor)), [contacts, aor]);
  const add = (event: FormEvent): void => {
    event.preventDefault();
    setContacts((previous) => cleanContacts([...previous, draft], aor));
    setDraft('');
  };
  return (
    <div className="contacts">
      <OwnPresence />
      <BuddyList buddies={buddies} />
      {contacts.length === 0 ? <p className="muted">No contacts yet.</p> : null}
      <form className="contact-add" onSubmit={add}>
        <label htmlFor={fieldId}>Add contact</label>
        <input
          id={fieldId}
          value={draft}
          placeholder="bob or sip:bob@example.com"
          autoComplete="off"
          onChange={(event) => setDraft(event.target.value)}
        />
        <button
          type="submit"
          className="sk-button"
          disabled={draft.trim() === '' || contacts.length >= MAX_CONTACTS}
        >
          Add
        </button>
      </form>
      {contacts.length > 0 ? (
        <details>
          <summary>Remove contacts</summary>
          <ul className="contact-remove">
            {buddies.map((buddy, index) => (
              <li key={buddy.uri}>
                <button
                  type="button"
                  className="sk-button"
                  onClick={() => setContacts((previous) => previous.filter((_, i) => i !== index))}
                >
                  Remove {buddy.name}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}

/** "My status": published with PUBLISH (RFC 3903) unless automatic; a refusal is shown. */
function OwnPresence() {
  const { status, cause, statusCode, publish, unpublish } = usePublishPresence();
  const [choice, setChoice] = useState<OwnPresenceChoice>('automatic');
  const fieldId = useId();
  const change = (next: OwnPresenceChoice): void => {
    setChoice(next);
    const presence = presenceOfChoice(next);
    // The outcome is in `status`/`cause`, shown below: nothing more to do with the promise.
    void (presence === undefined ? unpublish() : publish(presence)).catch(() => undefined);
  };
  return (
    <p className="own-presence" data-dialer-published={status}>
      <label htmlFor={fieldId}>My status</label>
      <select
        id={fieldId}
        value={choice}
        onChange={(event) => change(event.target.value as OwnPresenceChoice)}
      >
        {OWN_PRESENCE_CHOICES.map(({ value, label }) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
      {status === 'failed' ? (
        <span className="field-error" role="alert">
          Not published: {cause ?? 'refused'}
          {statusCode === undefined ? '' : ` (${statusCode})`}
        </span>
      ) : null}
    </p>
  );
}
