/**
 * A copy of `value` that holds on to nothing else. The parser hands out substrings of the
 * message text, and V8 keeps a substring (or a concatenation of substrings) as a view onto that
 * whole text: a dialog that kept its remote tag that way would keep the entire 200 OK, SDP and
 * all, for as long as the call lasts. Whatever outlives the message it came from goes through
 * here. JSON is the one portable way to force a fresh flat string; it costs a copy of `value`
 * and nothing for strings too short to be views (V8 copies those already).
 */
export function ownString(value: string): string {
  return value.length < 13 ? value : (JSON.parse(JSON.stringify(value)) as string);
}
