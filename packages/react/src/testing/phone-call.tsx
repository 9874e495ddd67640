import { act, fireEvent, screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { expect } from 'vitest';
import { renderStrict } from './render.js';
import { until } from './until.js';

/** The text of the element with this test id (`<PhoneUI>` names them `${name}-${what}`). */
export const text = (id: string): string | null => screen.getByTestId(id).textContent;

/** Clicks the button that reads `name` (e.g. `alice-dial`). */
export const click = (name: string): void =>
  void act(() => fireEvent.click(screen.getByText(name)));

/**
 * Renders each phone (a provider around `<PhoneUI name>`), in order, and waits until every one
 * reads registered. Resolves to what unmounts them all.
 *
 * @example
 * const unmount = await renderRegistered({ alice: <Phone name="alice" phone={bed.phone('alice')} /> });
 */
export async function renderRegistered(
  phones: Readonly<Record<string, ReactElement>>,
): Promise<() => void> {
  const views = Object.values(phones).map((phone) => renderStrict(phone));
  for (const name of Object.keys(phones)) {
    await until(() => expect(text(`${name}-registration`)).toBe('connected/registered'));
  }
  return () => views.forEach((view) => view.unmount());
}

/**
 * Dials bob from alice's `<PhoneUI>`, answers on bob's, and waits until both read confirmed.
 *
 * @example
 * await aliceCallsBob();
 * expect(text('alice-call')).toBe('confirmed');
 */
export async function aliceCallsBob(): Promise<void> {
  fireEvent.change(screen.getByLabelText('alice-target'), { target: { value: 'bob' } });
  click('alice-dial');
  await until(() => expect(text('bob-incoming')).toBe('sip:alice@sip.test'));
  click('bob-answer');
  await until(() => expect(text('alice-call')).toBe('confirmed'));
  await until(() => expect(text('bob-call')).toBe('confirmed'));
}
