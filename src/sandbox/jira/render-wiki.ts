/**
 * Plain text → Jira wiki markup (§2: v2 and Data Center descriptions are wiki-markup strings or null).
 * Real stored wiki text uses CRLF line ends (see the raw Data Center examples in ../shared/data); bullet
 * paragraphs (`- ` lines) become wiki bullets (`* `).
 */
export function textToWiki(text: string | null): string | null {
  if (text === null || text.trim() === '') return null;
  return text
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((paragraph) => {
      const lines = paragraph.split('\n').filter((line) => line.trim() !== '');
      return lines.every((line) => line.startsWith('- '))
        ? lines.map((line) => `* ${line.slice(2)}`).join('\r\n')
        : lines.join('\r\n');
    })
    .filter((p) => p !== '')
    .join('\r\n\r\n');
}
