import type { RawHeader } from './incoming-message.js';

/**
 * One header line of a parsed message. Name and value are cut out of the message text only
 * when first read: most lines of a routed message are never looked at, and two substrings per
 * line are a large part of the cost of scanning a head.
 */
export class HeaderLine implements RawHeader {
  readonly #text: string;
  readonly #nameStart: number;
  readonly #nameEnd: number;
  #name: string | undefined;
  #value: string | undefined;
  valueStart: number;
  valueEnd: number;

  constructor(
    text: string,
    nameStart: number,
    nameEnd: number,
    readonly key: string,
    valueStart: number,
    valueEnd: number,
    readonly line: number,
  ) {
    this.#text = text;
    this.#nameStart = nameStart;
    this.#nameEnd = nameEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
  }

  get name(): string {
    return (this.#name ??= this.#text.slice(this.#nameStart, this.#nameEnd));
  }

  get value(): string {
    return (this.#value ??= this.#text.slice(this.valueStart, this.valueEnd));
  }

  /** Appends a continuation line (RFC 3261 §7.3.1: the fold becomes one SP). */
  fold(more: string): void {
    if (more.length > 0) {
      const value = this.value;
      this.#value = value.length === 0 ? more : `${value} ${more}`;
    }
    this.valueStart = -1;
    this.valueEnd = -1;
  }

  toJSON(): RawHeader {
    const { name, key, value, line, valueStart, valueEnd } = this;
    return { name, key, value, line, valueStart, valueEnd };
  }
}
