import { formatHeaderParams, formatNameAddr, parseUri, type SipUri } from '../message/index.js';
import type { NormalizedConfiguration } from './configuration.js';
import { newInstanceId } from './instance-id.js';
import { randomToken } from './random-token.js';

/** Extra REGISTER Contact parameters (`ua.registrator().setExtraContactParams`); `null`/`true`: a flag. */
export type ContactParams = Readonly<Record<string, string | number | boolean | null>>;

/**
 * Who this UA is on the wire: its address of record, the Contact it offers and the host it puts
 * in Via. Made once per UA from the configuration.
 *
 * Without `contact_uri`, the Contact is `sip:<random>@<random>.invalid;transport=ws;ob`: a browser
 * has no reachable address, so the `.invalid` host (RFC 7118 §5.2) tells the proxy to route back
 * over the WebSocket the request came in on, and `ob` (RFC 5626 §5.4) asks it to keep using that
 * flow. Nothing is persisted: a new UA gets new random values. REGISTER Contacts carry
 * `+sip.instance` and `reg-id=1` (RFC 5626 §4.2), with a UUID made for this UA object when no
 * `instance_id` is configured (as JsSIP does), so GRUUs and outbound flows work; a UA with calls
 * also announces ICE support with `+sip.ice` (RFC 5768 §4.2).
 */
export class LocalIdentity {
  readonly aor: SipUri;
  /** Changed by `ua.set('display_name')`. */
  displayName: string | null;
  readonly contactUri: string;
  readonly viaHost: string;
  /** The configured `instance_id`, or one generated for this UA object. */
  readonly instanceId: string;
  /** `+sip.ice` in REGISTER Contacts: this UA handles calls with ICE. */
  readonly ice: boolean;
  /** RFC 5627 GRUUs the registrar granted; used as Contact in dialogs once known. */
  pubGruu: string | undefined;
  tempGruu: string | undefined;

  constructor(configuration: NormalizedConfiguration, options: { readonly ice?: boolean } = {}) {
    this.aor = parseUri(configuration.uri);
    this.displayName = configuration.display_name;
    this.instanceId = configuration.instance_id ?? newInstanceId();
    this.ice = options.ice === true;
    if (configuration.contact_uri !== null) {
      this.contactUri = configuration.contact_uri;
      this.viaHost = parseUri(configuration.contact_uri).host;
    } else {
      this.viaHost = `${randomToken(12)}.invalid`;
      this.contactUri = `sip:${randomToken(8)}@${this.viaHost};transport=ws;ob`;
    }
  }

  /** The AOR with the display name, quoted and escaped: To of REGISTER, From without its tag. */
  addressHeader(): string {
    return formatNameAddr({
      ...(this.displayName === null ? {} : { displayName: this.displayName }),
      uri: this.aor,
    });
  }

  /** From of out-of-dialog requests. */
  fromHeader(tag: string): string {
    return `${this.addressHeader()};tag=${tag}`;
  }

  /**
   * Contact for REGISTER: the ICE feature tag, the outbound parameters, the requested lifetime,
   * then the app's extra parameters (push notification ones, RFC 8599).
   */
  registerContact(expires: number, extra: ContactParams = {}): string {
    const params: Record<string, string> = {};
    if (this.ice) params['+sip.ice'] = '';
    params['+sip.instance'] = `"<urn:uuid:${this.instanceId}>"`;
    params['reg-id'] = '1';
    params['expires'] = String(expires);
    for (const [name, value] of Object.entries(extra)) {
      // A flag when the value says nothing (as JsSIP writes them): `;pn-provider`, not `=true`.
      const flag = value === null || value === true || value === false || value === '';
      params[name] = flag ? '' : String(value);
    }
    return `<${this.contactUri}>${formatHeaderParams(params)}`;
  }

  /**
   * Contact for dialog-creating requests and responses: the public GRUU when the registrar gave
   * one, the temporary GRUU for anonymous requests (RFC 5627 §3.2), else the contact URI.
   */
  dialogContact(anonymous = false): string {
    const gruu = anonymous ? this.tempGruu : this.pubGruu;
    return `<${gruu ?? this.contactUri}>`;
  }

  /** True when a Contact in a response is ours (compared by URI user and host). */
  isOwnContact(uri: SipUri): boolean {
    const own = parseUri(this.contactUri);
    return uri.host.toLowerCase() === own.host.toLowerCase() && uri.user === own.user;
  }
}
