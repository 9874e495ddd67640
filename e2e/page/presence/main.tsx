// The presence page: one softphone's worth of `@sipkit/react` and `@sipkit/ui` (PresenceBadge,
// BuddyList, VoicemailIndicator, usePublishPresence) on the browser's WebSocket, registered
// through Kamailio. The test reads the components' data-sipkit-* attributes and drives
// publishing through `window.__presence`.
import { WebSocketInterface } from '@sipkit/core';
import {
  SipProvider,
  usePublishPresence,
  useRegistration,
  type UsePublishPresenceResult,
} from '@sipkit/react';
import { BuddyList, PresenceBadge, VoicemailIndicator, type PickupRequest } from '@sipkit/ui';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { readPresenceConfig, type PresencePageState } from './presence-page.js';

const config = readPresenceConfig(location.search);
const state: PresencePageState = {
  registration: 'starting',
  publication: { status: 'unpublished', statusCode: undefined, cause: undefined },
  pickups: [],
  errors: [],
};
window.addEventListener('error', (event) => state.errors.push(String(event.message)));
window.addEventListener('unhandledrejection', (event) => state.errors.push(String(event.reason)));

let publication: UsePublishPresenceResult | undefined;
window.__presence = {
  state,
  publish: (status) => {
    if (publication === undefined) throw new Error('usePublishPresence is not mounted yet');
    return publication.publish(status);
  },
  unpublish: () => {
    if (publication === undefined) throw new Error('usePublishPresence is not mounted yet');
    return publication.unpublish();
  },
};

/** Hands the hooks' state and actions to the test (no markup). */
function Reporter() {
  const registration = useRegistration();
  const published = usePublishPresence();
  useEffect(() => {
    state.registration = registration.status;
  }, [registration.status]);
  useEffect(() => {
    publication = published;
    state.publication = {
      status: published.status,
      statusCode: published.statusCode,
      cause: published.cause,
    };
  }, [published]);
  return null;
}

function onPickup({ buddy, lamp }: PickupRequest): void {
  const dialog = lamp.detail?.state === 'ringing' ? lamp.detail.dialog : undefined;
  state.pickups.push({
    buddy: buddy.uri,
    callId: dialog?.callId,
    localTag: dialog?.localTag,
    remoteTag: dialog?.remoteTag,
    caller: lamp.caller?.identity,
  });
}

const socket = new WebSocketInterface(config.ws);
createRoot(document.getElementById('root') as HTMLElement).render(
  <SipProvider config={{ uri: config.uri, password: config.password, sockets: socket }}>
    <Reporter />
    {config.watch.map((uri) => (
      <PresenceBadge key={uri} uri={uri} data-testid={`presence ${uri}`} />
    ))}
    {config.buddies.length > 0 ? (
      <BuddyList buddies={config.buddies} onPickup={onPickup} data-testid="buddies" />
    ) : null}
    {config.voicemail ? <VoicemailIndicator data-testid="voicemail" /> : null}
  </SipProvider>,
);
document.title = `presence ${config.uri}`;
