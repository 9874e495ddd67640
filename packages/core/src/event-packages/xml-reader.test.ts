import { describe, expect, it } from 'vitest';
import { EventBodyError } from './event-body-error.js';
import { childOf, escapeXml, MAX_XML_DEPTH, parseXml } from './xml-reader.js';

describe('parseXml', () => {
  it('reads elements, attributes, namespaces, entities, CDATA and skips comments and PIs', () => {
    const root = parseXml(
      `\ufeff<?xml version="1.0"?><!-- c --><p:a xmlns:p="urn:p" xmlns="urn:d" k='v &amp; w'>` +
        `x &lt;&#65;&#x42;<b><![CDATA[<raw>]]></b><?pi ?><!-- in --><c/></p:a>\n`,
    );
    expect(root).toMatchObject({ namespace: 'urn:p', localName: 'a', attributes: { k: 'v & w' } });
    expect(root.text).toBe('x <AB');
    expect(childOf(root, 'urn:d', 'b')?.text).toBe('<raw>');
    expect(childOf(root, 'urn:d', 'c')).toMatchObject({ children: [], text: '' });
  });

  it.each([
    ['', '"<" expected'],
    ['<a>', 'not closed'],
    ['<a></b>', '</a> expected'],
    ['<a b="1" b="2"/>', 'repeated'],
    ['<a b=1/>', 'quoted'],
    ['<x:a/>', 'not declared'],
    ['<a>&nbsp;</a>', 'unknown entity'],
    ['<a>&#0;</a>', 'unknown entity'],
    ['<!DOCTYPE a [<!ENTITY e "x">]><a>&e;</a>', 'DOCTYPE'],
    ['<a/><b/>', 'after the root'],
    ['<a b="<"/>', '"<" in an attribute'],
    ['<a><!-- open</a>', 'comment is not closed'],
  ])('rejects %j with an EventBodyError (%s)', (text, problem) => {
    expect(() => parseXml(text)).toThrowError(EventBodyError);
    expect(() => parseXml(text)).toThrowError(problem);
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH} without recursing further`, () => {
    const deep = '<a>'.repeat(100_000) + '</a>'.repeat(100_000);
    expect(() => parseXml(deep)).toThrowError(/nested deeper/);
    const ok = '<a>'.repeat(MAX_XML_DEPTH) + '</a>'.repeat(MAX_XML_DEPTH);
    expect(parseXml(ok).localName).toBe('a');
  });

  it('escapes markup and drops characters XML cannot carry', () => {
    expect(escapeXml(`<a href="x">'&'\u0001</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;',
    );
    const text = 'a\u0000b<&>"\'\u001f';
    expect(parseXml(`<t v="${escapeXml(text)}">${escapeXml(text)}</t>`)).toMatchObject({
      text: 'ab<&>"\'',
      attributes: { v: 'ab<&>"\'' },
    });
  });
});
