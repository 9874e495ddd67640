import type { Fields } from '../fields.js';

/** Reads the benchmark fields from one raw message; throws if the library rejects the message. */
export type Extract = (text: string) => Fields;

export type Loaded =
  | { readonly ok: true; readonly version: string; readonly extract: Extract }
  | { readonly ok: false; readonly reason: string };

/**
 * One contender. `load` imports the library lazily so that each worker process loads (and lets
 * the JIT see) only the library it measures.
 */
export interface Library {
  readonly id: string;
  readonly label: string;
  load(): Promise<Loaded>;
}
