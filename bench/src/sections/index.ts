import type { Section } from '../section.js';
import { parserSection } from './parser/index.js';
import { sizeSection } from './size/index.js';

/** Every benchmark section, in BENCHMARKS.md order. */
export const sections: readonly Section[] = [sizeSection, parserSection];
