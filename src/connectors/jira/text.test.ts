import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { adfToText, boundText, wikiToText } from './text.js';

const text = (t: string) => ({ type: 'text', text: t });
const p = (...content: object[]) => ({ type: 'paragraph', content });
const doc = (...content: object[]) => ({ type: 'doc', version: 1, content });

describe('ADF to plain text', () => {
  it('keeps paragraphs, headings, hard breaks, lists and code as readable blocks', () => {
    const adf = doc(
      { type: 'heading', attrs: { level: 2 }, content: [text('Checkout fails')] },
      p(
        text('Since Monday the '),
        { type: 'text', text: 'payment', marks: [{ type: 'strong' }] },
        text(' page'),
        { type: 'hardBreak' },
        text('times out.'),
      ),
      {
        type: 'bulletList',
        content: [
          { type: 'listItem', content: [p(text('first'))] },
          {
            type: 'listItem',
            content: [
              p(text('second')),
              { type: 'bulletList', content: [{ type: 'listItem', content: [p(text('nested'))] }] },
            ],
          },
        ],
      },
      {
        type: 'orderedList',
        attrs: { order: 3 },
        content: [{ type: 'listItem', content: [p(text('third'))] }],
      },
      { type: 'codeBlock', attrs: { language: 'js' }, content: [text('pay(order)')] },
    );
    expect(adfToText(adf)).toBe(
      'Checkout fails\n\nSince Monday the payment page\ntimes out.\n\n- first\n- second\n  - nested\n\n3. third\n\npay(order)',
    );
  });

  it('writes mentions, emoji, status, dates and cards as their text and keeps text of unknown nodes', () => {
    const adf = doc(
      p(
        { type: 'mention', attrs: { id: '5b10', text: '@Mia Krystof' } },
        text(' asked '),
        { type: 'emoji', attrs: { shortName: ':smile:', text: '😄' } },
        text(' '),
        { type: 'status', attrs: { text: 'BLOCKED' } },
        text(' by '),
        { type: 'date', attrs: { timestamp: '1763596800000' } },
        text(' see '),
        { type: 'inlineCard', attrs: { url: 'https://acme.example/x' } },
      ),
      { type: 'panel', attrs: { panelType: 'info' }, content: [p(text('inside a panel'))] },
      { type: 'someFutureNode', content: [{ type: 'fancyInline', text: 'future words' }] },
      { type: 'rule' },
    );
    expect(adfToText(adf)).toBe(
      '@Mia Krystof asked 😄 BLOCKED by 2025-11-20 see https://acme.example/x\n\ninside a panel\n\nfuture words',
    );
  });

  it('reads tables row by row and tolerates broken documents', () => {
    const cell = (t: string) => ({ type: 'tableCell', content: [p(text(t))] });
    const adf = doc({
      type: 'table',
      content: [
        { type: 'tableRow', content: [cell('a'), cell('b')] },
        { type: 'tableRow', content: [cell('c'), cell('d')] },
      ],
    });
    expect(adfToText(adf)).toBe('a | b\nc | d');
    expect(adfToText(null)).toBe('');
    expect(adfToText({ type: 'doc', content: 'nope' })).toBe('');
    expect(adfToText(doc(p({ type: 'text' }), 'junk' as unknown as object))).toBe('');
  });
});

describe('wiki markup to plain text', () => {
  it('drops macros, headings, emphasis, link targets and images but keeps the words', () => {
    const wiki = [
      'h4. Chrome has issues',
      '',
      '*Textfields* do not show _hintText_ until {{console}} opens, see [the docs|https://docs.example] or [https://x.example].',
      'Ask [~cbarber] -now- please (y) !screenshot.png|thumbnail!',
      '* step one',
      '** step two',
      '# numbered',
      '{code:app.js}',
      'var win = Ti.UI.createWindow();',
      '{code}',
      '{noformat}raw log{noformat}',
      '||head||cell||',
      '|a|b|',
      'bq. a quote',
      'line\\\\break',
    ].join('\r\n');
    expect(wikiToText(wiki)).toBe(
      [
        'Chrome has issues',
        '',
        'Textfields do not show hintText until console opens, see the docs or https://x.example.',
        'Ask cbarber now please',
        '- step one',
        '  - step two',
        '- numbered',
        '',
        'var win = Ti.UI.createWindow();',
        '',
        'raw log',
        'head | cell',
        'a | b',
        'a quote',
        'line',
        'break',
      ].join('\n'),
    );
  });

  it('turns a real Jira Server description into readable text', () => {
    const line =
      readFileSync(
        new URL('../../../../shared/data/jira_server_raw_examples.jsonl', import.meta.url),
        'utf8',
      ).split('\n')[0] ?? '';
    const description = (JSON.parse(line) as { issue: { fields: { description: string } } }).issue.fields
      .description;
    const plain = wikiToText(description);
    expect(plain).toContain('Chrome has issues with textfields.');
    expect(plain).toContain("backgroundColor:'#555'");
    expect(plain).not.toMatch(/\{code|h4\.|\r/);
  });
});

describe('bounding text', () => {
  it('cuts at the limit without splitting a surrogate pair', () => {
    expect(boundText('abcdef', 4)).toBe('abcd');
    expect(boundText('abc😄', 4)).toBe('abc');
    expect(boundText('short', 10)).toBe('short');
  });
});
