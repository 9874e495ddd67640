/** What a dial string looks like: nothing yet, a phone number, a SIP/tel URI or a user name. */
export type DialKind = 'empty' | 'phone' | 'uri' | 'user';

// Marks that copying from web pages, RTL text and spreadsheets drags along: zero-width
// characters, bidi controls (LRM/RLM, embeddings, isolates) and the BOM.
const INVISIBLE = /[\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF]/g;
// Visual separators people put in phone numbers (RFC 3966 §5.1.1 lists - . ( ); slashes, all
// the Unicode dashes and spaces turn up in pasted numbers too).
const SEPARATORS = /[\s\u00A0\u2000-\u200A\u202F\u3000\-\u2010-\u2015.()/]/g;
const PHONE = /^\+?[0-9*#]+$/;

/**
 * Cleans what was typed or pasted into a dial field: trims, drops invisible characters, and for
 * phone numbers strips spaces and visual separators (`+1 (555) 010-9999` -> `+15550109999`).
 * SIP and tel URIs and user names keep their characters, less any whitespace in URIs.
 *
 * @example normalizeDialString(' +49 30 1234-567 ') // '+49301234567'
 */
export function normalizeDialString(text: string): string {
  const visible = text.replace(INVISIBLE, '').trim();
  if (visible === '') return '';
  if (looksLikeUri(visible)) return visible.replace(/\s+/g, '');
  const digits = visible.replace(SEPARATORS, '');
  return PHONE.test(digits) ? digits : visible;
}

/**
 * Says what a (normalized) dial string is, e.g. to show a phone or an address icon.
 *
 * @example dialKind('+15550109999') // 'phone'
 */
export function dialKind(text: string): DialKind {
  const value = normalizeDialString(text);
  if (value === '') return 'empty';
  if (looksLikeUri(value)) return 'uri';
  return PHONE.test(value) ? 'phone' : 'user';
}

function looksLikeUri(text: string): boolean {
  return /^(sips?|tel):/i.test(text) || text.includes('@');
}
