/** Parameter values as JsSIP keeps them: `null` for a parameter without a value (`;lr`). */
export type ParameterValues = Record<string, string | null>;

/**
 * The parameter accessors JsSIP's `URI` and `NameAddrHeader` share (`setParam`, `getParam`,
 * `hasParam`, `deleteParam`, `clearParams`), over one case-insensitive map: parameter names are
 * case-insensitive (RFC 3261 §19.1.4), so they are kept lowercase.
 *
 * @example
 * class Header extends Parameters {}
 * new Header().setParam('Tag', 'abc'); // getParam('tag') === 'abc'
 */
export class Parameters {
  readonly #parameters: ParameterValues = {};

  constructor(parameters: ParameterValues = {}) {
    for (const [name, value] of Object.entries(parameters)) this.setParam(name, value);
  }

  setParam(name: string, value?: string | null): void {
    this.#parameters[name.toLowerCase()] =
      value === undefined || value === null ? null : String(value);
  }
  getParam(name: string): string | null | undefined {
    return this.#parameters[name.toLowerCase()];
  }
  hasParam(name: string): boolean {
    return Object.hasOwn(this.#parameters, name.toLowerCase());
  }
  deleteParam(name: string): string | null | undefined {
    const key = name.toLowerCase();
    const value = this.#parameters[key];
    Reflect.deleteProperty(this.#parameters, key);
    return value;
  }
  clearParams(): void {
    for (const key of Object.keys(this.#parameters)) Reflect.deleteProperty(this.#parameters, key);
  }

  /** A copy of the parameters, in insertion order (for `clone()` and `toString()`). */
  protected parameterValues(): ParameterValues {
    return { ...this.#parameters };
  }
}
