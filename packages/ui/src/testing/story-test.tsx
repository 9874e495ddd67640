import { act, render, type RenderResult } from '@testing-library/react';
import axe from 'axe-core';
import { StrictMode, type ComponentType } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/** A test of one story once rendered: waits for the state the story promises, asserts on it. */
export type StoryCheck = (view: RenderResult) => Promise<void>;

/** One check per story of a `composeStories` result: a story without a test does not compile. */
export type StoryChecks<Stories> = { readonly [Name in keyof Stories]: StoryCheck };

/**
 * Runs every story of a file as a test: rendered under StrictMode on fake timers (bots and
 * timers run on virtual time), then the story's play function if it has one (as Storybook runs
 * it), then the story's check, then axe, then unmounted with time for the UAs to unregister
 * and disconnect.
 *
 * @example describeStories('Dialpad', composeStories(stories), { Dialling: async () => {} });
 */
export function describeStories<Stories extends Record<string, ComponentType>>(
  title: string,
  stories: Stories,
  checks: StoryChecks<Stories>,
): void {
  describe(`${title} stories`, () => {
    beforeEach(() => {
      vi.useFakeTimers();
    });
    afterEach(() => {
      vi.useRealTimers();
    });
    for (const [name, Story] of Object.entries(stories)) {
      it(name, async () => {
        const view = render(
          <StrictMode>
            <Story />
          </StrictMode>,
        );
        await runPlay(Story, view.container);
        await (checks[name] as StoryCheck)(view);
        await expectAccessible(view.container);
        view.unmount();
        await act(() => vi.advanceTimersByTimeAsync(5000));
      });
    }
  });
}

/**
 * Retries `check` while advancing virtual time in steps, until it passes or `within` ms of
 * virtual time went by (then its last error is thrown).
 *
 * @example await eventually(() => expect(screen.getByText('In call')).toBeTruthy());
 */
export async function eventually(
  check: () => void,
  { within = 10_000, step = 50 }: { readonly within?: number; readonly step?: number } = {},
): Promise<void> {
  for (let waited = 0; ; waited += step) {
    try {
      check();
      return;
    } catch (error) {
      if (waited >= within) throw error;
    }
    await act(() => vi.advanceTimersByTimeAsync(step));
  }
}

/** Lets `ms` of virtual time pass (and what it triggers settle). */
export async function elapse(ms: number): Promise<void> {
  await act(() => vi.advanceTimersByTimeAsync(ms));
}

/**
 * axe-core over `container`: no violations. Colour contrast is off because happy-dom computes
 * no styles; styles.test.ts checks the palette's ratios instead.
 *
 * @example await expectAccessible(view.container);
 */
export async function expectAccessible(container: Element): Promise<void> {
  const running = axe.run(container, { rules: { 'color-contrast': { enabled: false } } });
  // axe schedules its work with setTimeout, which is fake here: drive the clock until it is done.
  let finished = false;
  void running.finally(() => (finished = true)).catch(() => undefined);
  while (!finished) await act(() => vi.advanceTimersByTimeAsync(1));
  const results = await running;
  const found = results.violations.map(
    (violation) =>
      `${violation.id}: ${violation.help}\n  ${violation.nodes.map((node) => node.html).join('\n  ')}`,
  );
  expect(found).toEqual([]);
}

/**
 * Runs a story's `play` (if any) on `canvasElement`, driving the fake clock meanwhile: its
 * `waitFor`s poll with timers, which only move when virtual time does (at most 30 s of it).
 */
async function runPlay(story: unknown, canvasElement: HTMLElement): Promise<void> {
  const play = (story as { play?: (context: { canvasElement: HTMLElement }) => Promise<void> })
    .play;
  if (play === undefined) return;
  let settled = false;
  const running = play({ canvasElement });
  void running.then(
    () => (settled = true),
    () => (settled = true),
  );
  for (let waited = 0; !settled && waited < 30_000; waited += 20) {
    await act(() => vi.advanceTimersByTimeAsync(20));
  }
  await running;
}
