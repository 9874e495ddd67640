import { describe, expect, it } from 'vitest';
import { buildDialogInfo, busyLampOf, parseDialogInfo } from './dialog-info.js';
import { EventBodyError } from './event-body-error.js';
import { buildMessageSummary, parseMessageSummary } from './message-summary.js';
import { buildPresence, parsePresence } from './presence.js';

describe('presence (RFC 3863 PIDF, RFC 4480 RPID)', () => {
  it('reads what buildPresence writes', () => {
    const body = buildPresence({
      entity: 'sip:alice@example.com',
      open: true,
      activities: ['on-the-phone', 'Lunch & more'],
      note: 'On a call <until 3>',
      contact: 'sip:alice@example.com',
    });
    expect(parsePresence(body)).toEqual({
      entity: 'sip:alice@example.com',
      basic: 'open',
      activities: ['on-the-phone', 'Lunch & more'],
      notes: ['On a call <until 3>'],
      tuples: [{ id: 'sipkit', basic: 'open', contact: 'sip:alice@example.com', notes: [] }],
    });
  });

  it('reads a document from another server: prefixes, person notes, closed tuples', () => {
    const body = `<?xml version="1.0" encoding="UTF-8"?>
<pr:presence xmlns:pr="urn:ietf:params:xml:ns:pidf" xmlns:dm="urn:ietf:params:xml:ns:pidf:data-model"
  xmlns:rpid="urn:ietf:params:xml:ns:pidf:rpid" entity="sip:bob@example.com">
  <pr:tuple id="t1"><pr:status><pr:basic>closed</pr:basic></pr:status><pr:note>desk</pr:note></pr:tuple>
  <dm:person id="p1"><rpid:activities><rpid:away/></rpid:activities><dm:note>Back at 2</dm:note></dm:person>
</pr:presence>`;
    const doc = parsePresence(body);
    expect(doc).toMatchObject({
      basic: 'closed',
      activities: ['away'],
      notes: ['desk', 'Back at 2'],
    });
  });

  it('rejects a body that is not PIDF', () => {
    expect(() => parsePresence('<presence entity="x"/>')).toThrowError(EventBodyError);
    expect(() => parsePresence('<presence xmlns="urn:ietf:params:xml:ns:pidf"/>')).toThrowError(
      /no entity/,
    );
  });
});

describe('dialog-info (RFC 4235) and busy lamps', () => {
  const entity = 'sip:bob@example.com';
  it('reads what buildDialogInfo writes, and shows idle, ringing with the caller, busy', () => {
    const ringing = buildDialogInfo({
      entity,
      version: 3,
      dialogs: [
        {
          id: 'd1',
          callId: 'c1',
          direction: 'recipient',
          state: 'early',
          remote: {
            identity: 'sip:carol@example.com',
            displayName: 'Carol "C"',
            target: undefined,
          },
        },
      ],
    });
    const doc = parseDialogInfo(ringing);
    expect(doc).toMatchObject({ entity, version: 3, state: 'full' });
    expect(busyLampOf(doc)).toMatchObject({
      state: 'ringing',
      caller: { identity: 'sip:carol@example.com', displayName: 'Carol "C"' },
    });
    const busy = buildDialogInfo({
      entity,
      version: 4,
      dialogs: [{ id: 'd1', state: 'confirmed' }],
    });
    expect(busyLampOf(parseDialogInfo(busy)).state).toBe('busy');
    const idle = buildDialogInfo({
      entity,
      version: 5,
      dialogs: [{ id: 'd1', state: 'terminated' }],
    });
    expect(busyLampOf(parseDialogInfo(idle)).state).toBe('idle');
    const outgoing = buildDialogInfo({
      entity,
      version: 6,
      dialogs: [{ id: 'd2', state: 'early', direction: 'initiator' }],
    });
    expect(busyLampOf(parseDialogInfo(outgoing)).state).toBe('busy');
  });

  it('rejects missing version, state or an unknown dialog state', () => {
    const ns = 'urn:ietf:params:xml:ns:dialog-info';
    expect(() => parseDialogInfo(`<dialog-info xmlns="${ns}" state="full"/>`)).toThrowError(
      /version/,
    );
    expect(() => parseDialogInfo(`<dialog-info xmlns="${ns}" version="1"/>`)).toThrowError(/state/);
    expect(() =>
      parseDialogInfo(
        `<dialog-info xmlns="${ns}" version="1" state="full"><dialog id="a"><state>odd</state></dialog></dialog-info>`,
      ),
    ).toThrowError(EventBodyError);
  });
});

describe('message-summary (RFC 3842)', () => {
  it('reads what buildMessageSummary writes', () => {
    const body = buildMessageSummary({
      waiting: true,
      account: 'sip:vm@example.com',
      voice: { new: 2, old: 8, urgentNew: 1 },
    });
    expect(body).toBe(
      'Messages-Waiting: yes\r\nMessage-Account: sip:vm@example.com\r\nVoice-Message: 2/8 (1/0)\r\n',
    );
    expect(parseMessageSummary(body)).toMatchObject({
      waiting: true,
      account: 'sip:vm@example.com',
      voice: { new: 2, old: 8, urgentNew: 1, urgentOld: 0 },
    });
  });

  it('reads the RFC example with other classes and message headers after the blank line', () => {
    const body =
      'Messages-Waiting: yes\r\nMessage-Account: sip:alice@vmail.example.com\r\n' +
      'Voice-Message: 4/8 (1/2)\r\nFax-Message: 1/0\r\n\r\nTo: <alice@example.com>\r\nSubject: hi\r\n';
    const summary = parseMessageSummary(body);
    expect(summary.messages['fax']).toEqual({ new: 1, old: 0, urgentNew: 0, urgentOld: 0 });
    expect(summary.voice.new).toBe(4);
    expect(parseMessageSummary('Messages-Waiting: no\n').voice).toEqual({
      new: 0,
      old: 0,
      urgentNew: 0,
      urgentOld: 0,
    });
  });

  it.each([
    '',
    'Voice-Message: 1/2\r\n',
    'Messages-Waiting: maybe\r\n',
    'Messages-Waiting: yes\r\nVoice-Message: x\r\n',
    'garbage',
  ])('rejects %j with an EventBodyError', (body) => {
    expect(() => parseMessageSummary(body)).toThrowError(EventBodyError);
  });
});
