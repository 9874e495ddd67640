/** A value of bencode, the encoding of rtpengine's ng control protocol. */
export type Bencoded = number | string | Bencoded[] | { [key: string]: Bencoded };

/** Encodes a value (dictionary keys sorted, as bencode requires). */
export function bencode(value: Bencoded): Buffer {
  if (typeof value === 'number') return Buffer.from(`i${Math.trunc(value)}e`);
  if (typeof value === 'string') {
    const bytes = Buffer.from(value);
    return Buffer.concat([Buffer.from(`${bytes.length}:`), bytes]);
  }
  if (Array.isArray(value)) {
    return Buffer.concat([Buffer.from('l'), ...value.map(bencode), Buffer.from('e')]);
  }
  const keys = Object.keys(value).sort();
  return Buffer.concat([
    Buffer.from('d'),
    ...keys.flatMap((key) => [bencode(key), bencode(value[key] as Bencoded)]),
    Buffer.from('e'),
  ]);
}

/** Decodes one value; strings come back as UTF-8 text. */
export function bdecode(data: Buffer): Bencoded {
  const [value, end] = decodeAt(data, 0);
  if (end !== data.length) throw new Error(`bencode: ${data.length - end} bytes after the value`);
  return value;
}

function decodeAt(data: Buffer, at: number): [Bencoded, number] {
  const marker = String.fromCharCode(data[at] ?? 0);
  if (marker === 'i') {
    const end = data.indexOf('e', at);
    return [Number(data.subarray(at + 1, end).toString()), end + 1];
  }
  if (marker === 'l') {
    const list: Bencoded[] = [];
    let next = at + 1;
    while (data[next] !== 0x65 /* e */) {
      const [item, after] = decodeAt(data, next);
      list.push(item);
      next = after;
    }
    return [list, next + 1];
  }
  if (marker === 'd') {
    const dict: { [key: string]: Bencoded } = {};
    let next = at + 1;
    while (data[next] !== 0x65) {
      const [key, afterKey] = decodeAt(data, next);
      const [item, afterValue] = decodeAt(data, afterKey);
      dict[String(key)] = item;
      next = afterValue;
    }
    return [dict, next + 1];
  }
  if (marker >= '0' && marker <= '9') {
    const colon = data.indexOf(':', at);
    const length = Number(data.subarray(at, colon).toString());
    const start = colon + 1;
    return [data.subarray(start, start + length).toString(), start + length];
  }
  throw new Error(`bencode: unexpected byte ${data[at]} at ${at}`);
}
