/**
 * What the registrar/proxy keeps per AOR, per connection and in all. Every count is bounded so a
 * client that registers, calls or claims without end costs a refusal, not the server's memory.
 */
export interface SipProxyLimits {
  /** Contacts one AOR may have registered; one more gets 503 (default 10). */
  readonly maxContactsPerAor: number;
  /** Registered contacts in all, every AOR together; one more gets 503 (default 1000). */
  readonly maxRegistrations: number;
  /** Contact hosts one connection may be reached at (RFC 7118 aliases; default 16). */
  readonly maxAliasesPerConnection: number;
  /** Requests one connection may have in progress through the proxy; one more gets 503 (default 64). */
  readonly maxPendingPerConnection: number;
  /** AORs remembered as known users (480 rather than 404 once they go offline; default 10 000). */
  readonly maxKnownUsers: number;
  /** Subscriptions the presence agent serves in all; one more SUBSCRIBE gets 503 (default 1024). */
  readonly maxSubscriptions: number;
  /** Subscriptions of one connection; one more gets 503 (default 32). */
  readonly maxSubscriptionsPerConnection: number;
  /** PUBLISHed presence states kept in all; one more gets 503 (default 1024). */
  readonly maxPublications: number;
}

/** The limits `SipProxyServer` applies unless told otherwise. */
export const DEFAULT_SIP_PROXY_LIMITS: SipProxyLimits = {
  maxContactsPerAor: 10,
  maxRegistrations: 1000,
  maxAliasesPerConnection: 16,
  maxPendingPerConnection: 64,
  maxKnownUsers: 10_000,
  maxSubscriptions: 1024,
  maxSubscriptionsPerConnection: 32,
  maxPublications: 1024,
};

import type { PresenceAgentOptions } from './presence/presence-agent-options.js';

/** Settings of the registrar/proxy. Everything is optional. */
export interface SipProxyServerOptions {
  /** The proxy's own host, used in Via and Record-Route (default `sip.test`). */
  readonly host?: string;
  /** Domains it is responsible for (default: any domain). */
  readonly domains?: readonly string[];
  /** user -> password; when given, REGISTER needs digest credentials. */
  readonly users?: Readonly<Record<string, string>>;
  /** Digest realm (default: `host`). */
  readonly realm?: string;
  readonly algorithms?: ReadonlyArray<'MD5' | 'SHA-256'>;
  /** qop offered in challenges (default `auth`). */
  readonly qop?: 'auth' | 'auth-int';
  readonly minExpires?: number;
  readonly maxExpires?: number;
  /** Clock for registration expiry and nonce age (default `Date.now`, so fake timers apply). */
  readonly now?: () => number;
  /** Called with one line per message in and out (the dev server prints these). */
  readonly log?: (line: string) => void;
  /** Called with one line when a message is refused or dropped or a limit triggers (default: `log`). */
  readonly warn?: (line: string) => void;
  /**
   * Route in-dialog requests flow by flow, as Kamailio's contact aliases do (`FlowAliases`): a
   * client's Contact gets `;alias=` naming its connection, and requests to it go there or get
   * 430. Off by default (then a contact host follows the connection that last registered it).
   */
  readonly flowAliases?: boolean;
  /**
   * Hand out GRUUs (RFC 5627; default true). A client's GRUU routes through its latest
   * registration whatever flow its dialogs began on; `false` (with `flowAliases`) is a proxy
   * like the Kamailio configs SipKit meets, where only a target refresh moves a dialog.
   */
  readonly gruu?: boolean;
  /**
   * Run a presence agent (`PresenceAgent`): the proxy answers SUBSCRIBE for `presence`, `dialog`
   * and `message-summary` of its AORs and PUBLISH of presence itself (other events get 489)
   * instead of routing them to the users' phones. Off by default; the dev server turns it on.
   */
  readonly presence?: boolean | PresenceAgentOptions;
  /** Bounds on what the server keeps per AOR, per connection and in all (`DEFAULT_SIP_PROXY_LIMITS`). */
  readonly limits?: Partial<SipProxyLimits>;
}
