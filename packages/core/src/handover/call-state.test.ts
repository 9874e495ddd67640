import { describe, expect, it } from 'vitest';
import { Dialog, type DialogRequestContext } from '../dialog/index.js';
import { parseMessage, parseRouteList } from '../message/index.js';
import { dialogHeaders } from './call-state.js';

const context: DialogRequestContext = {
  via: () => 'SIP/2.0/WS abc.invalid',
  contact: () => '<sip:me@abc.invalid;transport=ws>',
  // What the UA adds to every request, credentials included: never part of the shared state.
  commonHeaders: (headers = []) => [...headers, ['Authorization', 'Bearer secret-token']],
};

function uasDialog(recordRoute: string): Dialog {
  const invite = parseMessage(
    [
      'INVITE sip:bob@abc.invalid SIP/2.0',
      'Via: SIP/2.0/WS x.invalid;branch=z9hG4bK9',
      `Record-Route: ${recordRoute}`,
      'From: "Alice" <sip:alice@example.com>;tag=a9',
      'To: <sip:bob@example.com>',
      'Call-ID: c9',
      'CSeq: 5 INVITE',
      'Contact: <sip:alice@x.invalid;transport=ws>',
      '',
      '',
    ].join('\r\n'),
  );
  if (invite.kind !== 'request') throw new Error('fixture');
  const dialog = Dialog.fromRequest(invite, 'b9', context);
  dialog.confirm();
  return dialog;
}

/** The dialog made again from what `dialogHeaders` read, as `resumeCall` makes it. */
function restored(dialog: Dialog): Dialog {
  const { localHeader, remoteHeader, routeSet } = dialogHeaders(dialog);
  return Dialog.restore(
    {
      id: dialog.id,
      state: 'confirmed',
      owner: dialog.isUac,
      localHeader,
      remoteHeader,
      remoteTarget: dialog.remoteTarget,
      routeSet: routeSet.flatMap((route) => parseRouteList(route)),
      localSeq: dialog.localSeq,
      remoteSeq: dialog.remoteSeq,
    },
    context,
  );
}

describe('dialogHeaders (what a handover copies of a dialog)', () => {
  it('reads From, To and the route set as the dialog writes them, and nothing else', () => {
    const dialog = uasDialog('<sip:p1.example.com;lr>, <sip:p2.example.com;lr>');
    const before = dialog.localSeq;
    const headers = dialogHeaders(dialog);
    expect(headers).toEqual({
      localHeader: '<sip:bob@example.com>;tag=b9',
      remoteHeader: '"Alice" <sip:alice@example.com>;tag=a9',
      routeSet: ['<sip:p1.example.com;lr>', '<sip:p2.example.com;lr>'],
    });
    expect(dialog.localSeq).toBe(before);
    expect(JSON.stringify(headers)).not.toContain('secret-token');
    expect(restored(dialog).createRequest('BYE')).toEqual(dialog.createRequest('BYE'));
  });

  it('puts a strict router back first: the restored dialog sends the same requests', () => {
    const dialog = uasDialog('<sip:strict.example.com>, <sip:p2.example.com;lr>');
    expect(dialogHeaders(dialog).routeSet).toEqual([
      '<sip:strict.example.com>',
      '<sip:p2.example.com;lr>',
    ]);
    const again = restored(dialog);
    expect(again.remoteSeq).toBe(5);
    const bye = again.createRequest('BYE');
    expect(bye).toEqual(dialog.createRequest('BYE'));
    expect(bye.ruri).toBe('sip:strict.example.com');
  });
});
