/**
 * Plain text ⇄ Atlassian Document Format (§2: v3 descriptions, environment and textarea custom fields are
 * ADF documents `{"type":"doc","version":1,"content":[…]}` or null).
 *
 * Paragraphs are separated by blank lines; lines inside a paragraph become `hardBreak`s; a paragraph whose
 * lines all start with `- ` becomes a `bulletList`, so normalizers meet nested nodes, not just paragraphs.
 */

export interface AdfNode {
  type: string;
  text?: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
}

export interface AdfDoc {
  type: 'doc';
  version: 1;
  content: AdfNode[];
}

const paragraphsOf = (text: string): string[][] =>
  text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').filter((line) => line.trim() !== ''))
    .filter((lines) => lines.length > 0);

const isBulletParagraph = (lines: string[]): boolean => lines.every((line) => line.startsWith('- '));

function paragraph(lines: string[]): AdfNode {
  const content: AdfNode[] = [];
  lines.forEach((line, i) => {
    if (i > 0) content.push({ type: 'hardBreak' });
    content.push({ type: 'text', text: line });
  });
  return { type: 'paragraph', content };
}

/** ADF document for plain text; null for null or blank text (Jira answers null for an empty description). */
export function textToAdf(text: string | null): AdfDoc | null {
  if (text === null) return null;
  const blocks = paragraphsOf(text);
  if (blocks.length === 0) return null;
  return {
    type: 'doc',
    version: 1,
    content: blocks.map((lines) =>
      isBulletParagraph(lines)
        ? {
            type: 'bulletList',
            content: lines.map((line) => ({ type: 'listItem', content: [paragraph([line.slice(2)])] })),
          }
        : paragraph(lines),
    ),
  };
}

/** Whether a value looks like an ADF document (what v3 PUT requires for rich-text fields, §3.1). */
export function isAdfDoc(value: unknown): value is AdfDoc {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return v.type === 'doc' && v.version === 1 && Array.isArray(v.content);
}

/** Plain text of an ADF document: text nodes joined, blocks separated by blank lines (inverse of textToAdf). */
export function adfToText(doc: AdfDoc): string {
  const block = (node: AdfNode): string => {
    if (node.type === 'bulletList' || node.type === 'orderedList') {
      return (node.content ?? [])
        .map((item) => `- ${(item.content ?? []).map(inline).join('\n')}`)
        .join('\n');
    }
    return inline(node);
  };
  const inline = (node: AdfNode): string => {
    if (node.type === 'text') return node.text ?? '';
    if (node.type === 'hardBreak') return '\n';
    return (node.content ?? []).map(inline).join('');
  };
  return doc.content.map(block).join('\n\n');
}
