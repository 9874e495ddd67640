// @vitest-environment node
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { SipProvider } from '../sip-provider.js';
import { sipTestbed } from '../testing/sip-testbed.js';
import { useDialogState } from './use-dialog-state.js';
import { useMessageWaiting } from './use-message-waiting.js';
import { usePresence } from './use-presence.js';
import { usePublishPresence } from './use-publish-presence.js';

function Panel() {
  const presence = usePresence('bob');
  const lamp = useDialogState('bob');
  const mwi = useMessageWaiting();
  const own = usePublishPresence();
  return (
    <p>{`${presence.status}/${presence.availability} ${lamp.status}/${lamp.lamp} ${mwi.status}/${String(mwi.waiting)} ${own.status}`}</p>
  );
}

describe('subscription hooks on the server', () => {
  it('render idle state and subscribe to nothing', () => {
    const bed = sipTestbed();
    const phone = bed.phone('alice');
    const html = renderToString(
      <SipProvider config={phone.config} {...phone.options}>
        <Panel />
      </SipProvider>,
    );
    expect(html).toContain('idle/unknown idle/unknown idle/false unpublished');
    expect(bed.network.traffic.entries()).toHaveLength(0);
  });
});
