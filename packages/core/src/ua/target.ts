import { formatUri, parseUri, SipParseError, type SipUri } from '../message/index.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** Thrown when a call or message target cannot be made into a SIP URI. */
export class InvalidTargetError extends Error {
  override readonly name = 'InvalidTargetError';
  readonly target: string;

  /** @param why A sentence in development builds, a `target.*` code in production ones. */
  constructor(target: string, why: string) {
    super(DEV ? `Invalid target "${target}": ${why}` : `${why} (target "${target}")`);
    this.target = target;
  }
}

// Visual separators people type in phone numbers (RFC 3966 §5.1.1).
const PHONE_NUMBER = /^\+?[\d\s().-]+$/;

/**
 * Makes what a user typed into a SIP URI, the way JsSIP users expect: a full `sip:`/`sips:` URI is
 * kept, `bob@example.com` gets `sip:`, and a bare user or phone number goes to the UA's own
 * domain (`+1 (555) 010-0100` -> `sip:+15550100100@example.com`).
 *
 * @example normalizeTarget('bob', 'example.com') // 'sip:bob@example.com'
 */
export function normalizeTarget(target: string, domain: string): string {
  const text = target.trim();
  if (text === '') throw new InvalidTargetError(target, DEV ? 'it is empty' : 'target.empty');
  let candidate: string;
  if (/^sips?:/i.test(text)) candidate = text;
  else if (text.includes('@')) candidate = `sip:${text}`;
  else if (PHONE_NUMBER.test(text)) candidate = `sip:${text.replace(/[\s().-]/g, '')}@${domain}`;
  else candidate = `sip:${text}@${domain}`;
  let uri: SipUri;
  try {
    uri = parseUri(candidate);
  } catch (error) {
    if (error instanceof SipParseError) {
      throw new InvalidTargetError(
        target,
        DEV ? error.message : `target.not-sip-uri ${error.message}`,
      );
    }
    throw error;
  }
  if (uri.scheme === 'tel')
    throw new InvalidTargetError(
      target,
      DEV ? 'tel: URIs cannot be called over SIP directly' : 'target.tel-uri',
    );
  return formatUri(uri);
}
