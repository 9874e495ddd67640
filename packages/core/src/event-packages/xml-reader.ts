import { EventBodyError } from './event-body-error.js';
import { DEV } from '../diagnostics/dev-mode.js';

/** One element of a parsed document, with its namespace resolved (XML Namespaces 1.0 §6). */
export interface XmlElement {
  /** Namespace URI, `''` when none is in scope. */
  readonly namespace: string;
  /** Name without prefix. */
  readonly localName: string;
  /** Attributes by name as written (prefix included); `xmlns` declarations left out. */
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly XmlElement[];
  /** The element's own character data (CDATA included), concatenated, entities decoded. */
  readonly text: string;
}

/** Deepest nesting accepted: the bodies here nest 5 levels; hostile ones must not recurse far. */
export const MAX_XML_DEPTH = 32;

const NAME = /[A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?/y;
const SPACE = /[ \t\r\n]*/y;
const ENTITIES: Readonly<Record<string, string>> = {
  lt: '<',
  gt: '>',
  amp: '&',
  quot: '"',
  apos: "'",
};

/**
 * Reads the small XML documents of SIP event packages (PIDF, dialog-info) without an XML
 * library or DOMParser (not in Node): elements, attributes, namespaces, character data, CDATA,
 * comments, processing instructions and the five predefined entities plus character
 * references. A DOCTYPE is refused (no entity expansion, no billion laughs). Anything that is
 * not well-formed is an `EventBodyError`; nothing else is ever thrown.
 *
 * @example parseXml('<a xmlns="urn:x"><b>hi</b></a>').children[0]?.text // 'hi'
 */
export function parseXml(source: string): XmlElement {
  const reader = new Reader(source);
  reader.prolog();
  const root = reader.element(new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]), 1);
  reader.misc();
  if (!reader.done()) reader.fail(DEV ? 'text after the root element' : 'xml.after-root');
  return root;
}

class Reader {
  #at = 0;
  readonly #source: string;

  constructor(source: string) {
    this.#source = source;
  }

  done(): boolean {
    return this.#at >= this.#source.length;
  }

  fail(problem: string): never {
    throw new EventBodyError('xml', problem, this.#at);
  }

  prolog(): void {
    if (this.#source.charCodeAt(0) === 0xfeff) this.#at = 1; // byte order mark
    this.misc();
    if (this.#source.startsWith('<!DOCTYPE', this.#at))
      this.fail(DEV ? 'a DOCTYPE is not accepted' : 'xml.doctype');
  }

  /** Comments, processing instructions and white space between markup. */
  misc(): void {
    for (;;) {
      this.#space();
      if (this.#source.startsWith('<?', this.#at)) this.#skipPast('?>', 'processing instruction');
      else if (this.#source.startsWith('<!--', this.#at)) this.#skipPast('-->', 'comment');
      else return;
    }
  }

  element(scope: ReadonlyMap<string, string>, depth: number): XmlElement {
    if (depth > MAX_XML_DEPTH)
      this.fail(DEV ? `elements nested deeper than ${MAX_XML_DEPTH}` : 'xml.depth');
    this.#expect('<');
    const name = this.#name();
    const raw: Array<[string, string]> = [];
    for (;;) {
      const spaced = this.#space();
      if (this.#source.startsWith('/>', this.#at) || this.#source[this.#at] === '>') break;
      if (!spaced)
        this.fail(DEV ? 'white space expected between attributes' : 'xml.attribute-space');
      const attribute = this.#name();
      this.#space();
      this.#expect('=');
      this.#space();
      if (raw.some(([seen]) => seen === attribute))
        this.fail(DEV ? `attribute ${attribute} repeated` : `xml.attribute-twice ${attribute}`);
      raw.push([attribute, this.#quoted()]);
    }
    const inner = new Map(scope);
    const attributes: Record<string, string> = {};
    for (const [key, value] of raw) {
      if (key === 'xmlns') inner.set('', value);
      else if (key.startsWith('xmlns:')) inner.set(key.slice(6), value);
      else attributes[key] = value;
    }
    const [namespace, localName] = this.#resolve(name, inner);
    const children: XmlElement[] = [];
    let text = '';
    if (this.#source.startsWith('/>', this.#at)) {
      this.#at += 2;
      return { namespace, localName, attributes, children, text };
    }
    this.#at += 1;
    for (;;) {
      if (this.done()) this.fail(DEV ? `<${name}> is not closed` : `xml.unclosed ${name}`);
      if (this.#source.startsWith('</', this.#at)) break;
      if (this.#source.startsWith('<!--', this.#at)) this.#skipPast('-->', 'comment');
      else if (this.#source.startsWith('<![CDATA[', this.#at)) text += this.#cdata();
      else if (this.#source.startsWith('<?', this.#at))
        this.#skipPast('?>', 'processing instruction');
      else if (this.#source[this.#at] === '<') children.push(this.element(inner, depth + 1));
      else text += this.#characters();
    }
    this.#at += 2;
    if (this.#name() !== name) this.fail(DEV ? `</${name}> expected` : `xml.end-tag ${name}`);
    this.#space();
    this.#expect('>');
    return { namespace, localName, attributes, children, text };
  }

  #resolve(name: string, scope: ReadonlyMap<string, string>): [string, string] {
    const colon = name.indexOf(':');
    if (colon < 0) return [scope.get('') ?? '', name];
    const namespace = scope.get(name.slice(0, colon));
    if (namespace === undefined)
      this.fail(DEV ? `namespace prefix of ${name} is not declared` : `xml.prefix ${name}`);
    return [namespace, name.slice(colon + 1)];
  }

  #name(): string {
    NAME.lastIndex = this.#at;
    const match = NAME.exec(this.#source);
    if (match === null) this.fail(DEV ? 'a name expected' : 'xml.name');
    this.#at += match[0].length;
    return match[0];
  }

  #space(): boolean {
    SPACE.lastIndex = this.#at;
    const length = SPACE.exec(this.#source)?.[0].length ?? 0;
    this.#at += length;
    return length > 0;
  }

  #expect(text: string): void {
    if (!this.#source.startsWith(text, this.#at))
      this.fail(DEV ? `"${text}" expected` : `xml.expected ${text}`);
    this.#at += text.length;
  }

  #skipPast(end: string, what: string): void {
    const close = this.#source.indexOf(end, this.#at + 2);
    if (close < 0) this.fail(DEV ? `${what} is not closed` : `xml.unclosed ${what}`);
    this.#at = close + end.length;
  }

  #quoted(): string {
    const quote = this.#source[this.#at];
    if (quote !== '"' && quote !== "'")
      this.fail(DEV ? 'a quoted attribute value expected' : 'xml.attribute-quote');
    const close = this.#source.indexOf(quote, this.#at + 1);
    if (close < 0) this.fail(DEV ? 'attribute value is not closed' : 'xml.unclosed attribute');
    const raw = this.#source.slice(this.#at + 1, close);
    if (raw.includes('<')) this.fail(DEV ? '"<" in an attribute value' : 'xml.attribute-lt');
    const value = this.#decode(raw, this.#at + 1);
    this.#at = close + 1;
    return value;
  }

  #cdata(): string {
    const close = this.#source.indexOf(']]>', this.#at + 9);
    if (close < 0) this.fail(DEV ? 'CDATA section is not closed' : 'xml.unclosed CDATA');
    const text = this.#source.slice(this.#at + 9, close);
    this.#at = close + 3;
    return text;
  }

  #characters(): string {
    const next = this.#source.indexOf('<', this.#at);
    const end = next < 0 ? this.#source.length : next;
    const raw = this.#source.slice(this.#at, end);
    const text = this.#decode(raw, this.#at);
    this.#at = end;
    return text;
  }

  // XML 1.0 §4.1, §4.6: character references and the five predefined entities, nothing else.
  #decode(raw: string, offset: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;]{0,10});|&/g, (whole, name: string | undefined, at: number) => {
      const reference = name === undefined ? undefined : characterReference(name);
      if (reference === undefined) {
        throw new EventBodyError(
          'xml',
          DEV ? `unknown entity ${whole.slice(0, 12)}` : `xml.entity ${whole.slice(0, 12)}`,
          offset + at,
        );
      }
      return reference;
    });
  }
}

function characterReference(name: string): string | undefined {
  if (name in ENTITIES) return ENTITIES[name];
  const code = /^#x[0-9a-fA-F]{1,6}$/.test(name)
    ? Number.parseInt(name.slice(2), 16)
    : /^#[0-9]{1,7}$/.test(name)
      ? Number.parseInt(name.slice(1), 10)
      : undefined;
  if (code === undefined || code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
    return undefined;
  }
  return String.fromCodePoint(code);
}

/** The first child named `localName` in `namespace`. */
export function childOf(
  element: XmlElement,
  namespace: string,
  localName: string,
): XmlElement | undefined {
  return element.children.find((c) => c.localName === localName && c.namespace === namespace);
}

/** Every child named `localName` in `namespace`. */
export function childrenOf(
  element: XmlElement,
  namespace: string,
  localName: string,
): XmlElement[] {
  return element.children.filter((c) => c.localName === localName && c.namespace === namespace);
}

/**
 * Text escaped for XML character data and attribute values (XML 1.0 §2.4), with the control
 * characters XML 1.0 cannot carry at all (§2.2) left out.
 */
export function escapeXml(text: string): string {
  return (
    text
      // eslint-disable-next-line no-control-regex -- removing them is the point
      .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '')
      .replace(/[<>&"']/g, (c) => `&${ESCAPES[c]};`)
  );
}

const ESCAPES: Readonly<Record<string, string>> = {
  '<': 'lt',
  '>': 'gt',
  '&': 'amp',
  '"': 'quot',
  "'": 'apos',
};
