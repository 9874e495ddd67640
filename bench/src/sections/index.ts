import type { Section } from '../section.js';
import { parserSection } from './parser/index.js';

/** Every benchmark section, in BENCHMARKS.md order. Add new sections (bundle size, memory, scale) here. */
export const sections: readonly Section[] = [parserSection];
