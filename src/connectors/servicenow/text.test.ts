import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeEntities, htmlToText, joinText, journalToText, TEXT_LIMIT, tidy } from './text.js';

describe('HTML to plain text', () => {
  it('keeps paragraphs and line breaks, strips tags, and decodes entities', () => {
    const html =
      '<p>Checkout &amp; payment page<br />times out</p><p>Since the <b>pricing</b> release&nbsp;&#8212; see&#x20;log</p>';
    expect(htmlToText(html)).toBe(
      'Checkout & payment page\ntimes out\n\nSince the pricing release — see log',
    );
  });

  it('drops scripts, styles and comments with their content', () => {
    expect(
      htmlToText('<style>p{color:red}</style><p>Kept</p><script>alert("x")</script><!-- hidden -->'),
    ).toBe('Kept');
  });

  it('turns list items into bullet lines', () => {
    expect(htmlToText('<ul><li>Zoom</li><li>Webex</li></ul>')).toBe('• Zoom\n• Webex');
  });

  it('leaves unknown entities and invalid code points as written', () => {
    expect(decodeEntities('&bogus; &#xD800; &#0; &lt;ok&gt;')).toBe('&bogus; &#xD800; &#0; <ok>');
  });
});

describe('journals', () => {
  it('keeps the entries’ text and drops their header lines', () => {
    const journal =
      '2026-11-20 04:00:00 - Beth Anglin (Additional comments)\nStill failing at checkout.\n\n' +
      '2026-11-19 03:00:00 - Bearing Bot (Work notes)\nLooked at the logs.\nTwo lines.\n\n';
    expect(journalToText(journal)).toBe('Still failing at checkout.\n\nLooked at the logs.\nTwo lines.');
  });
});

describe('the text bound', () => {
  it('cuts text longer than the limit and marks the cut', () => {
    const text = joinText(['a'.repeat(TEXT_LIMIT), 'more']);
    expect(text).toHaveLength(TEXT_LIMIT);
    expect(text.endsWith('…')).toBe(true);
    expect(joinText(['one', '', 'two'])).toBe('one\n\ntwo');
  });

  it('bounds huge HTML before working on it', () => {
    expect(htmlToText(`<p>${'word '.repeat(100_000)}</p>`).length).toBeLessThanOrEqual(TEXT_LIMIT * 5);
  });
});

describe('tidy', () => {
  /** What tidy does, step by step; it may skip the steps only when they would change nothing. */
  const stepByStep = (text: string): string =>
    text
      .replace(/\r\n?/g, '\n')
      .replace(/[ \t\f\v\u00a0]+/g, ' ')
      .replace(/ *\n */g, '\n')
      .replace(/\n{3,}/g, '\n\n')
      .trim();

  it('gives what every step gives, whitespace of any kind anywhere', () => {
    const char = fc.constantFrom('a', 'b', ' ', '\n', '\r', '\t', '\f', '\v', '\u00a0', '\u2028', '\ufeff');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: char }), fc.string()), (text) => {
        expect(tidy(text)).toBe(stepByStep(text));
      }),
      { numRuns: 20_000 },
    );
  });
});
