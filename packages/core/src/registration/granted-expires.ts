import type { IncomingResponse } from '../message/index.js';
import type { LocalIdentity } from '../ua/local-identity.js';

/** What a 2xx to REGISTER says about our binding. */
export interface GrantedBinding {
  /** Seconds granted, or 0 when the registrar no longer lists our contact. */
  readonly expires: number;
  readonly pubGruu: string | undefined;
  readonly tempGruu: string | undefined;
}

/**
 * Reads our binding from a 2xx to REGISTER (RFC 3261 §10.2.4): the `expires` of our own Contact,
 * else the Expires header, else what we asked for. Registrars may return every binding of the
 * AOR, so ours is found by its URI or its `+sip.instance` (RFC 5626 §6).
 */
export function grantedBinding(
  response: IncomingResponse,
  identity: LocalIdentity,
  requested: number,
): GrantedBinding {
  const contacts = response.parsed('contact')?.contacts ?? [];
  const instance = `<urn:uuid:${identity.instanceId.toLowerCase()}>`;
  const own = contacts.find(
    (c) => identity.isOwnContact(c.uri) || c.instance?.toLowerCase() === instance,
  );
  const headerExpires = response.parsed('expires');
  const expires = own?.expires ?? headerExpires ?? requested;
  return { expires, pubGruu: own?.pubGruu, tempGruu: own?.tempGruu };
}
