/**
 * The report's Markdown summary in the dialects chat services render. Markdown is read line by
 * line: the summary is headings, paragraphs, lists and tables, not arbitrary Markdown.
 */

type Block =
  | { kind: 'heading'; level: number; text: string }
  | { kind: 'table'; rows: string[][] }
  | { kind: 'code'; lines: string[] }
  | { kind: 'line'; text: string };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const TABLE_ROW = /^\s*\|.*\|\s*$/;
const TABLE_RULE = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
const FENCE = /^\s*(```|~~~)/;

export function parseBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (FENCE.test(line)) {
      const code: string[] = [];
      while (++i < lines.length && !FENCE.test(lines[i] ?? '')) code.push(lines[i] ?? '');
      blocks.push({ kind: 'code', lines: code });
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      blocks.push({ kind: 'heading', level: heading[1]?.length ?? 1, text: heading[2] ?? '' });
      continue;
    }
    if (TABLE_ROW.test(line)) {
      const rows: string[][] = [];
      for (; i < lines.length && TABLE_ROW.test(lines[i] ?? ''); i++) {
        const row = lines[i] ?? '';
        if (!TABLE_RULE.test(row)) rows.push(cells(row));
      }
      i--;
      blocks.push({ kind: 'table', rows });
      continue;
    }
    blocks.push({ kind: 'line', text: line });
  }
  return blocks;
}

function cells(row: string): string[] {
  return row
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

const INLINE =
  /`([^`]+)`|\[([^\]]+)\]\(([^)\s]+)\)|\*\*(.+?)\*\*|__(.+?)__|~~(.+?)~~|\*([^*\s](?:[^*]*[^*\s])?)\*/g;

interface InlineStyle {
  plain: (text: string) => string;
  code: (text: string) => string;
  link: (label: string, url: string) => string;
  bold: (inner: string) => string;
  strike: (inner: string) => string;
  italic: (inner: string) => string;
}

function inline(text: string, style: InlineStyle): string {
  let out = '';
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    out += style.plain(text.slice(last, m.index));
    last = m.index + m[0].length;
    const [, code, label, url, bold, underBold, strike, italic] = m;
    if (code !== undefined) out += style.code(code);
    else if (label !== undefined && url !== undefined) out += style.link(inline(label, style), url);
    else if (bold !== undefined || underBold !== undefined)
      out += style.bold(inline(bold ?? underBold ?? '', style));
    else if (strike !== undefined) out += style.strike(inline(strike, style));
    else out += style.italic(inline(italic ?? '', style));
  }
  return out + style.plain(text.slice(last));
}

/** Text with Markdown emphasis, links and code marks removed, for table cells in monospace. */
const PLAIN: InlineStyle = {
  plain: (t) => t,
  code: (t) => t,
  link: (label) => label,
  bold: (t) => t,
  strike: (t) => t,
  italic: (t) => t,
};

// Slack wants &, < and > escaped in message text; they are its control characters.
// https://api.slack.com/reference/surfaces/formatting#escaping
const escapeSlack = (t: string): string =>
  t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const SLACK: InlineStyle = {
  plain: escapeSlack,
  code: (t) => `\`${escapeSlack(t)}\``,
  link: (label, url) => `<${escapeSlack(url)}|${label.replace(/[|>]/g, ' ')}>`,
  bold: (t) => `*${t}*`,
  strike: (t) => `~${t}~`,
  italic: (t) => `_${t}_`,
};

/**
 * Slack mrkdwn: `*bold*`, `_italic_`, `<url|label>`, no headings and no tables. Headings become
 * bold lines, list bullets become `•`, tables become aligned monospace blocks.
 */
export function toSlackMrkdwn(markdown: string): string {
  const out: string[] = [];
  for (const block of parseBlocks(markdown)) {
    if (block.kind === 'heading') out.push(`*${inline(block.text, { ...SLACK, bold: (t) => t })}*`);
    else if (block.kind === 'code') out.push('```', ...block.lines.map(escapeSlack), '```');
    else if (block.kind === 'table') out.push('```', ...alignedRows(block.rows).map(escapeSlack), '```');
    else out.push(inline(block.text.replace(/^(\s*)[-*+]\s+/, '$1• '), SLACK));
  }
  return out.join('\n');
}

function alignedRows(rows: readonly string[][]): string[] {
  const plain = rows.map((row) => row.map((cell) => inline(cell, PLAIN)));
  const widths: number[] = [];
  for (const row of plain) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return plain.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}

/** One line of a Teams Adaptive Card: `TextBlock` Markdown is bold, italic, links and lists only. */
export interface CardLine {
  text: string;
  heading?: 'Large' | 'Medium';
  /** Table header rows and code: shown as such, not as Markdown. */
  emphasis?: 'bold' | 'monospace';
}

const TEAMS: InlineStyle = {
  plain: (t) => t,
  code: (t) => t,
  link: (label, url) => `[${label}](${url})`,
  bold: (t) => `**${t}**`,
  strike: (t) => t,
  italic: (t) => `_${t}_`,
};

/**
 * The summary as Adaptive Card lines: headings become larger bold text, each table row one line
 * with its cells separated by ` · ` (a card's TextBlock renders no Markdown tables), blank lines
 * dropped (every TextBlock already stands on its own line).
 */
export function toTeamsLines(markdown: string): CardLine[] {
  const out: CardLine[] = [];
  for (const block of parseBlocks(markdown)) {
    if (block.kind === 'heading') {
      out.push({ text: inline(block.text, PLAIN), heading: block.level === 1 ? 'Large' : 'Medium' });
    } else if (block.kind === 'code') {
      if (block.lines.length) out.push({ text: block.lines.join('\n'), emphasis: 'monospace' });
    } else if (block.kind === 'table') {
      block.rows.forEach((row, i) => {
        const text = row.map((cell) => inline(cell, TEAMS)).join(' · ');
        out.push(i === 0 ? { text: inline(row.join(' · '), PLAIN), emphasis: 'bold' } : { text });
      });
    } else if (block.text.trim() !== '') {
      out.push({ text: inline(block.text, TEAMS) });
    }
  }
  return out;
}
