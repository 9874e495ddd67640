/**
 * The `a=content` media attribute (RFC 4796 §4): what a video stream shows. `slides` marks a
 * shared screen, so the far end can show it as such; `main` (the default when absent) is the
 * camera.
 */

/**
 * `sdp` with `a=content:<content>` in the m= section whose `a=mid` is `mid` (any `a=content`
 * already there is replaced). Other sections, and SDP without that mid, are left as they are.
 *
 * @example
 * ```ts
 * withContent(offer, '2', 'slides'); // ...m=video...\r\na=mid:2\r\na=content:slides\r\n...
 * ```
 */
export function withContent(sdp: string, mid: string, content: string): string {
  const sections = sdp.split(/(?=^m=)/m);
  return sections
    .map((section) => {
      if (!section.startsWith('m=') || !new RegExp(`^a=mid:${escape(mid)}\\r?$`, 'm').test(section))
        return section;
      const eol = section.includes('\r\n') ? '\r\n' : '\n';
      const lines = section.split(/\r?\n/).filter((line) => !line.startsWith('a=content:'));
      const last = lines.at(-1) === '' ? lines.pop() : undefined;
      const at = lines.findIndex((line) => line.startsWith('a=mid:'));
      lines.splice(at + 1, 0, `a=content:${content}`);
      return lines.join(eol) + (last === undefined ? '' : eol);
    })
    .join('');
}

/**
 * The `a=content` values of each m= section, in order (undefined where a section has none).
 *
 * @example sectionContents('v=0\r\nm=video 9 x 96\r\na=content:slides\r\n') // ['slides']
 */
export function sectionContents(sdp: string): (string | undefined)[] {
  const contents: (string | undefined)[] = [];
  for (const line of sdp.split(/\r\n|\r|\n/)) {
    if (line.startsWith('m=')) contents.push(undefined);
    else if (line.startsWith('a=content:') && contents.length > 0)
      contents[contents.length - 1] = line.slice('a=content:'.length).trim();
  }
  return contents;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
