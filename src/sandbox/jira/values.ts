/**
 * Checks a value written to a field and stores it, for PUT issue (§3.1) and bulk edit (§10.1). Messages
 * are Jira's where recorded answers show them (labels with spaces, text over 255 characters, summary);
 * the number-type wording is UNCONFIRMED (§3.1).
 */
import type { FieldDef } from './fields.js';
import { adfToText, isAdfDoc } from './render-adf.js';
import type { JiraIssueRecord } from './types.js';
import { PRIORITY_NAMES } from './render-issue.js';

export type Checked = { ok: true; value: unknown } | { ok: false; message: string };

const TEXT_LIMIT = 255;
const bad = (message: string): Checked => ({ ok: false, message });
const good = (value: unknown): Checked => ({ ok: true, value });

/** Checks `value` for `field` and returns the value as stored (plain text for rich text, string[] for labels). */
export function checkValue(field: FieldDef, value: unknown, apiVersion: '2' | '3'): Checked {
  switch (field.edit) {
    case 'summary':
      if (typeof value !== 'string' || value.trim() === '')
        return bad('You must specify a summary of the issue.');
      return value.length > TEXT_LIMIT ? bad('Summary must be less than 255 characters.') : good(value);
    case 'richtext':
    case 'textarea':
      return richText(value, apiVersion);
    case 'labels':
      return labels(value);
    case 'priority':
      return priority(value);
    case 'number':
      return value === null || (typeof value === 'number' && Number.isFinite(value))
        ? good(value)
        : bad('Operation value must be a number');
    case 'text':
    case 'url':
      if (value === null) return good(null);
      if (typeof value !== 'string') return bad('Operation value must be a string');
      if (value.length > TEXT_LIMIT) {
        return bad('The entered text is too long. It exceeds the allowed limit of 255 characters.');
      }
      return good(value === '' ? null : value);
    case 'date':
      if (value === null) return good(null);
      return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
        ? good(value)
        : bad(`Error parsing date string: ${String(value)}`);
    default:
      return bad(`Field '${field.id}' cannot be set. It is not on the appropriate screen, or unknown.`);
  }
}

/** §2 / §3.1: v3 takes ADF documents for rich text, v2 and Data Center take wiki strings. */
function richText(value: unknown, apiVersion: '2' | '3'): Checked {
  if (value === null) return good(null);
  if (apiVersion === '3') {
    return isAdfDoc(value)
      ? good(adfToText(value) || null)
      : bad('Operation value must be an Atlassian Document (see the Atlassian Document Format)');
  }
  return typeof value === 'string'
    ? good(value === '' ? null : value)
    : bad('Operation value must be a string');
}

/** Labels: strings without whitespace (§3.1: `{"labels":"The label 'x y' contains spaces which is invalid."}`). */
export function labels(value: unknown): Checked {
  if (value === null) return good([]);
  if (!Array.isArray(value) || value.some((l) => typeof l !== 'string')) {
    return bad('Operation value must be an array of strings');
  }
  for (const label of value as string[]) {
    const problem = labelProblem(label);
    if (problem) return bad(problem);
  }
  return good([...new Set(value as string[])]);
}

export function labelProblem(label: string): string | undefined {
  if (label === '' || /\s/.test(label)) return `The label '${label}' contains spaces which is invalid.`;
  if (label.length > TEXT_LIMIT) {
    return `The label '${label}' exceeds the maximum length for a single label of 255 characters.`;
  }
  return undefined;
}

function priority(value: unknown): Checked {
  if (value === null) return good(null);
  const v = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  const byId = typeof v.id === 'string' && /^[1-5]$/.test(v.id) ? Number(v.id) : undefined;
  const byName = PRIORITY_NAMES.findIndex(
    (n) => typeof v.name === 'string' && n.toLowerCase() === v.name.toLowerCase(),
  );
  const level = byId ?? (byName >= 0 ? byName + 1 : undefined);
  return level === undefined ? bad('The priority selected is invalid.') : good(level);
}

/** The stored value of a field (as checkValue returns it). */
export function readValue(record: JiraIssueRecord, field: FieldDef): unknown {
  switch (field.id) {
    case 'summary':
      return record.summary;
    case 'description':
      return record.description;
    case 'labels':
      return record.labels;
    case 'priority':
      return record.priority;
    default:
      return record.custom[field.id] ?? null;
  }
}

/** A copy of the record with one field changed. */
export function withValue(record: JiraIssueRecord, field: FieldDef, value: unknown): JiraIssueRecord {
  switch (field.id) {
    case 'summary':
      return { ...record, summary: value as string };
    case 'description':
      return { ...record, description: value as string | null };
    case 'labels':
      return { ...record, labels: value as string[] };
    case 'priority':
      return { ...record, priority: value as number | null };
    default:
      return { ...record, custom: { ...record.custom, [field.id]: value } };
  }
}

/** Whether two stored values are equal (labels compare as sets). */
export function sameValue(a: unknown, b: unknown): boolean {
  const emptyList = (v: unknown): boolean =>
    v === null || v === undefined || (Array.isArray(v) && v.length === 0);
  if (Array.isArray(a) || Array.isArray(b)) {
    if (emptyList(a) && emptyList(b)) return true;
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    const set = new Set(a);
    return b.every((x) => set.has(x));
  }
  return (a ?? null) === (b ?? null);
}
