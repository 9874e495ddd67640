import { describe, expect, it } from 'vitest';
import type { ActionRequest } from './forwarded-actions.js';
import { useProductionBuild } from '../testing/production-build.js';

// A production build (NODE_ENV=production) gives the codes of docs/errors/react.md instead of the
// sentences; the modules are imported afresh under that environment (Node reads it at load).
// What crosses between tabs keeps its shape: only the texts are shorter.
describe('shared tabs diagnostics in a production build', () => {
  useProductionBuild();

  async function forwarder(owner: 'known' | 'unknown') {
    const { ActionForwarder } = await import('./forwarded-actions.js');
    const sent: ActionRequest[] = [];
    const warnings: unknown[][] = [];
    const logger = {
      debug: () => undefined,
      warn: (...args: unknown[]) => void warnings.push(args),
      error: () => undefined,
    };
    const link = {
      tabId: () => 'tab-b',
      send: (request: ActionRequest) => (owner === 'known' ? sent.push(request) > 0 : false),
      logger,
    };
    const actions = new ActionForwarder(link);
    return { actions, sent, warnings };
  }

  it('an action in flight when the owner goes away rejects with its code and name', async () => {
    const { actions } = await forwarder('known');
    const hold = actions.actions().hold('call-1');
    actions.ownerChanged();
    await expect(hold).rejects.toMatchObject({
      name: 'TabOwnerGoneError',
      message: 'react.owner-gone hold',
      parameter: undefined,
    });
  });

  it("a fire-and-forget action's failure in the owner is logged with its code, the error intact", async () => {
    const { actions, sent, warnings } = await forwarder('known');
    actions.actions().hangup('call-1');
    const [request] = sent;
    expect(request?.method).toBe('hangup');
    actions.settle({
      requestId: request?.requestId ?? '',
      ok: false,
      error: { name: 'InvalidOptionError', message: 'option.status 99', parameter: 'status_code' },
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.[0]).toBe('react.owner-action-failed hangup');
    expect(warnings[0]?.[1]).toMatchObject({
      name: 'InvalidOptionError',
      message: 'option.status 99',
      parameter: 'status_code',
    });
  });

  it('an action still waiting for an owner when the provider unmounts rejects with its code', async () => {
    const { actions } = await forwarder('unknown');
    const stop = actions.actions().stop();
    actions.close();
    await expect(stop).rejects.toThrow(/^react\.unmounted$/);
  });
});
