import type { ValueScanner } from './value-scanner.js';

/**
 * Header or URI parameters: names lowercased (they compare case-insensitively, RFC 3261
 * §7.3.1), flag parameters such as `;lr` map to `''`. Header parameter values are kept as
 * written (a quoted-string keeps its quotes, use `unquote`); URI parameter values are %-decoded.
 * The object has no prototype, so `params['constructor']` is undefined unless sent.
 */
export type Params = Readonly<Record<string, string>>;

// Instances of this class have a prototype chain with no Object.prototype in it, so inherited
// names ('constructor', '__proto__') never look like parameters; unlike Object.create(null)
// objects they stay in V8's fast (non-dictionary) mode, which matters on the hot parse path.
class ParamRecord {}
Object.setPrototypeOf(ParamRecord.prototype, null);
Reflect.deleteProperty(ParamRecord.prototype, 'constructor');

/** Creates an empty parameter record whose prototype chain holds no properties. */
export function emptyParams(): Record<string, string> {
  return new ParamRecord() as Record<string, string>;
}

/** A shared, frozen, empty parameter record for values without parameters. */
export const NO_PARAMS: Params = Object.freeze(emptyParams());

/**
 * Reads `*( SEMI generic-param )` into a flat `[name, value, name, value...]` list: validation
 * happens now, but building the record is left to `paramsFromList` on first use, which keeps
 * the eager Via/From/To parse free of per-parameter keyed stores.
 */
export function readHeaderParamList(scanner: ValueScanner): string[] | undefined {
  let list: string[] | undefined;
  for (;;) {
    scanner.skipWhitespace();
    if (scanner.peek() !== 0x3b) return list;
    scanner.pos++;
    scanner.skipWhitespace();
    const name = scanner.lowercaseToken('parameter name');
    let value = '';
    if (scanner.accept(0x3d)) value = scanner.genValue();
    (list ??= []).push(name, value);
  }
}

/** The first value of `name` in a flat parameter list. */
export function findParam(list: readonly string[] | undefined, name: string): string | undefined {
  if (list === undefined) return undefined;
  for (let i = 0; i < list.length; i += 2) if (list[i] === name) return list[i + 1];
  return undefined;
}

/** Builds the record for a flat list; the first occurrence of a name wins. */
export function paramsFromList(list: readonly string[] | undefined): Params {
  if (list === undefined) return NO_PARAMS;
  const params = emptyParams();
  for (let i = 0; i < list.length; i += 2) {
    const name = list[i] as string;
    if (!(name in params)) params[name] = list[i + 1] as string;
  }
  return params;
}

/**
 * Reads `*( SEMI generic-param )` (RFC 3261 §25.1) up to the end of the scanner or a char that
 * is not `;`, as a record. Duplicate names keep the first value, as later layers only ever read
 * one.
 */
export function readHeaderParams(scanner: ValueScanner): Params {
  return paramsFromList(readHeaderParamList(scanner));
}
