// REFI-QDA XML with a huge attribute value is refused before the XML parser sees it (the parser holds
// an attribute several times over: a 50 MB one took it to 2.4 GB); long element text is fine.
import { describe, expect, it } from 'vitest';
import { MAX_XML_ATTRIBUTE, parseXml } from '../../../electron/engine/refi/read';

describe('XML attribute cap', () => {
  it('refuses an attribute value over the cap, naming the file and line', () => {
    const xml = `<?xml version="1.0"?>\n<Project name="p">\n<User guid="${'a'.repeat(MAX_XML_ATTRIBUTE + 1)}"/>\n</Project>`;
    expect(() => parseXml('big.qde', xml)).toThrow(`big.qde: an attribute value on line 3 is longer than 1,048,576 characters`);
  });

  it('accepts long element text, a value at the cap, and > inside values, comments and CDATA', () => {
    const long = 'x'.repeat(MAX_XML_ATTRIBUTE * 2);
    const xml =
      `<Project name="a > b" note='${'y'.repeat(MAX_XML_ATTRIBUTE)}'>` +
      `<!-- a comment with "${long}" --><Text><![CDATA[ "${long} ]]></Text><Body>${long}</Body></Project>`;
    const { root, rootTag } = parseXml('ok.qde', xml);
    expect(rootTag).toBe('Project');
    expect(root.attrs.name).toBe('a > b');
    expect(root.children.find((c) => c.name === 'Body')?.text.length).toBe(MAX_XML_ATTRIBUTE * 2);
  });
});
