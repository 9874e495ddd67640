import { jssip } from './jssip.js';
import type { Library } from './library.js';
import { naive } from './naive.js';
import { sipjs } from './sipjs.js';
import { sipkit } from './sipkit.js';

/** Every contender, in table order. JsSIP is the baseline the ratios are taken against. */
export const libraries: readonly Library[] = [sipkit, jssip, sipjs, naive];

export const baselineId = jssip.id;
export const sipkitId = sipkit.id;
export const sipjsId = sipjs.id;
export const ceilingId = naive.id;

export function libraryById(id: string): Library | undefined {
  return libraries.find((library) => library.id === id);
}
