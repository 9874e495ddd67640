import type { Section } from '../section.js';
import { browserSection } from './browser/index.js';
import { loadSection } from './load/index.js';
import { memorySection } from './memory/index.js';
import { parserSection } from './parser/index.js';
import { reactSection } from './react/index.js';
import { scaleSection } from './scale/index.js';
import { sizeSection } from './size/index.js';
import { soakSection } from './soak/index.js';

/** Every benchmark section, in BENCHMARKS.md order. */
export const sections: readonly Section[] = [
  sizeSection,
  parserSection,
  memorySection,
  soakSection,
  scaleSection,
  reactSection,
  browserSection,
  loadSection,
];
