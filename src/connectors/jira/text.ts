/**
 * Rich text to plain text (pure). Jira Cloud v3 sends descriptions as Atlassian Document Format, Data
 * Center as wiki markup (api-facts §2). bearing's analysers read words, so markup is dropped and the
 * words are kept: the text of unknown ADF nodes, the content of code blocks, link texts.
 */

/** Descriptions longer than this are cut: a pasted log must not dominate the analysis or the store. */
const MAX_TEXT_LENGTH = 20_000;
/** Summaries longer than this are cut (Jira's own limit is 255; a title is never a document). */
export const MAX_TITLE_LENGTH = 1_000;
/** Deeper than Jira's editor ever nests; a deeper document is read as its text runs, without recursion. */
const MAX_ADF_DEPTH = 100;

/** Cuts text to `max` characters without splitting a surrogate pair. */
export function boundText(text: string, max = MAX_TEXT_LENGTH): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** Collapses runs of blank lines and trailing spaces. */
function tidy(text: string): string {
  return text
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

type AdfNode = Record<string, unknown>;

const isNode = (v: unknown): v is AdfNode => typeof v === 'object' && v !== null && !Array.isArray(v);
const childrenOf = (node: AdfNode): AdfNode[] =>
  Array.isArray(node.content) ? node.content.filter(isNode) : [];
const attr = (node: AdfNode, name: string): string | undefined => {
  const attrs = isNode(node.attrs) ? node.attrs : {};
  const value = attrs[name];
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
};

const BLOCKS = new Set([
  'paragraph',
  'heading',
  'blockquote',
  'codeBlock',
  'panel',
  'rule',
  'mediaSingle',
  'mediaGroup',
  'table',
  'bulletList',
  'orderedList',
  'taskList',
  'decisionList',
  'expand',
  'nestedExpand',
  'blockCard',
  'embedCard',
  'layoutSection',
  'layoutColumn',
]);

/**
 * Plain text of an ADF document: paragraphs and headings as blocks separated by blank lines, list items as
 * `- ` lines, table rows as ` | `-joined cells, mentions and emoji as their text, cards as their URL. Unknown
 * nodes keep the text inside them.
 */
export function adfToText(doc: unknown): string {
  if (!isNode(doc)) return '';
  if (deeperThan(doc, MAX_ADF_DEPTH)) return tidy(textRuns(doc).join(' '));
  return tidy(blocks(childrenOf(doc)));
}

function deeperThan(doc: AdfNode, max: number): boolean {
  const stack: [AdfNode, number][] = [[doc, 0]];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const [node, depth] = next;
    if (depth > max) return true;
    for (const child of childrenOf(node)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The `text` of every node, in document order, walked with a stack. */
function textRuns(doc: AdfNode): string[] {
  const runs: string[] = [];
  const stack: AdfNode[] = [doc];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (typeof node.text === 'string') runs.push(node.text);
    stack.push(...childrenOf(node).reverse());
  }
  return runs;
}

function blocks(nodes: AdfNode[]): string {
  const out: string[] = [];
  let inline = '';
  for (const node of nodes) {
    if (BLOCKS.has(String(node.type))) {
      if (inline.trim() !== '') out.push(inline);
      inline = '';
      const text = block(node);
      if (text.trim() !== '') out.push(text);
    } else {
      inline += inlineText(node);
    }
  }
  if (inline.trim() !== '') out.push(inline);
  return out.join('\n\n');
}

function block(node: AdfNode): string {
  switch (node.type) {
    case 'bulletList':
    case 'taskList':
    case 'decisionList':
      return childrenOf(node)
        .map((item) => `- ${listItem(item)}`)
        .join('\n');
    case 'orderedList': {
      const start = Number(attr(node, 'order') ?? 1) || 1;
      return childrenOf(node)
        .map((item, i) => `${start + i}. ${listItem(item)}`)
        .join('\n');
    }
    case 'table':
      return childrenOf(node)
        .map((row) =>
          childrenOf(row)
            .map((cell) => blocks(childrenOf(cell)).replace(/\n+/g, ' '))
            .join(' | '),
        )
        .join('\n');
    case 'expand':
    case 'nestedExpand': {
      const title = attr(node, 'title');
      const body = blocks(childrenOf(node));
      return title ? `${title}\n\n${body}` : body;
    }
    case 'blockCard':
    case 'embedCard':
      return attr(node, 'url') ?? '';
    case 'rule':
    case 'mediaSingle':
    case 'mediaGroup':
      return '';
    case 'paragraph':
    case 'heading':
    case 'codeBlock':
      return childrenOf(node).map(inlineText).join('');
    default:
      return blocks(childrenOf(node));
  }
}

/** A list item: its paragraphs on one line each, nested lists indented. */
function listItem(item: AdfNode): string {
  return blocks(childrenOf(item)).replace(/\n\n/g, '\n').replace(/\n/g, '\n  ');
}

function inlineText(node: AdfNode): string {
  switch (node.type) {
    case 'text':
      return typeof node.text === 'string' ? node.text : '';
    case 'hardBreak':
      return '\n';
    case 'mention':
      return attr(node, 'text') ?? '';
    case 'emoji':
      return attr(node, 'text') ?? attr(node, 'shortName') ?? '';
    case 'status':
      return attr(node, 'text') ?? '';
    case 'inlineCard':
      return attr(node, 'url') ?? '';
    case 'date': {
      const ms = Number(attr(node, 'timestamp'));
      return Number.isFinite(ms) ? new Date(ms).toISOString().slice(0, 10) : '';
    }
    case 'media':
    case 'mediaInline':
      return '';
    default:
      // Unknown inline or block node: keep whatever text it holds.
      return typeof node.text === 'string' ? node.text : blocks(childrenOf(node));
  }
}

/**
 * Plain text of Jira wiki markup (Data Center and REST v2): `{code}` / `{noformat}` / `{quote}` / `{panel}`
 * / `{color}` markers dropped (their content kept), `h1.`–`h6.` and `bq.` prefixes dropped, bullets as `- `,
 * `[text|url]` as its text, `[~user]` as the user, `*bold*` / `_italic_` / `{{mono}}` / `+ins+` / `-del-`
 * / `^sup^` / `~sub~` as their words, table bars as ` | `, `\\` as a line break, images and emoticons removed.
 */
export function wikiToText(wiki: string): string {
  let text = wiki.replace(/\r\n?/g, '\n');
  // Macros with a body: drop the markers, keep the body (a code block is still words about the work).
  text = text.replace(/\{(code|noformat|quote|panel|color)(?::[^}]*)?\}/gi, '');
  text = text.replace(/\{(anchor|toc)(?::[^}]*)?\}/gi, '');
  const lines = text.split('\n').map((line) => {
    let l = line.replace(/^\s*h[1-6]\.\s*/i, '').replace(/^\s*bq\.\s*/i, '');
    l = l.replace(/^\s*([*#-]+)\s+/, (_, marks: string) => `${'  '.repeat(marks.length - 1)}- `);
    if (/^\s*\|/.test(l)) {
      l = l
        .replace(/^\s*\|\|?/, '')
        .replace(/\|\|?\s*$/, '')
        .split(/\s*\|\|?\s*/)
        .join(' | ');
    }
    return l;
  });
  text = lines.join('\n');
  text = text
    .replace(/\[~([^\]]+)\]/g, '$1') // mention
    .replace(/\[([^\]|]*)\|([^\]]*)\]/g, (_, label: string, url: string) => label.trim() || url.trim())
    .replace(/\[((?:https?|mailto|ftp):[^\]]+)\]/g, '$1')
    .replace(/!([^!\s|]+)(?:\|[^!]*)?!/g, '') // images and attachments
    .replace(/\{\{([^}]*)\}\}/g, '$1') // monospace
    .replace(/\\\\/g, '\n') // forced line break
    .replace(/(^|[\s([{])([*_+^~-])(?=\S)([^\n]*?\S)\2(?=$|[\s.,;:!?)\]}])/gm, '$1$3') // *bold* _it_ +u+ -del- ^s^ ~s~
    .replace(/\((?:[ynix/!?*+-]|on|off|flag|flagoff|\/)\)/g, '') // (y) (n) (!) emoticons
    .replace(/----+/g, '');
  return tidy(text);
}
