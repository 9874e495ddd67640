/**
 * `text` cut to at most `max` characters (UTF-16 units), the cut shown by a trailing `…`, never
 * splitting a surrogate pair. Anything the far end chooses (a display name, a URI, a reason
 * phrase) goes through this before it is rendered: a 200 KB display name once made an element
 * 18 million pixels tall and froze the page for seconds.
 *
 * @example truncateText('Alexandra Longname', 10) // 'Alexandra…'
 */
export function truncateText(text: string, max: number): string {
  if (text.length <= max) return text;
  let end = Math.max(0, max - 1);
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}…`;
}
