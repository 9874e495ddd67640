/**
 * Text the far end wrote, as the store keeps it: at most `max` characters (the rest cut to `…`,
 * never inside a surrogate pair) and a copy of its own. Parsed values are views onto the whole
 * message in V8 (a slice, or a concatenation of one, keeps its parent alive), so without the copy
 * a kept display name or reason phrase would hold the entire message, or the 200 KB it was cut
 * from, for as long as the store keeps it.
 *
 * @example ownedText(response.reason, 200)
 */
export function ownedText(text: string, max: number): string {
  let bounded = text;
  if (text.length > max) {
    let end = max - 1;
    const last = text.charCodeAt(end - 1);
    if (last >= 0xd800 && last <= 0xdbff) end -= 1; // do not split a surrogate pair
    bounded = `${text.slice(0, end)}…`;
  }
  // JSON round trip: a flat copy that V8 cannot share with the source string.
  return JSON.parse(JSON.stringify(bounded)) as string;
}
