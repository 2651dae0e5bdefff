/**
 * ServiceNow record → WorkItem (pure: raw payload in, item or quarantine entry out). The raw payload
 * carries the sys_user records the item references, so normalization can be replayed from the store
 * without the API. Per-table differences come from the descriptors in tables.ts.
 */
import { uidOf, type HeldValues, type ItemStatus, type Person, type WorkItem } from '../../model/index.js';
import type { QuarantineRecord } from '../../store/store.js';
import { isoOfServiceNowTime, serviceNowTimeOf } from '../../core/time.js';
import {
  displayOf,
  recordValidator,
  type RawRecord,
  type RawUser,
  type ServiceNowRaw,
  valueOf,
} from './raw.js';
import { descriptorOf, TABLES, type BearingColumns, type TableDescriptor } from './tables.js';
import { boundTitle, htmlToText, joinText, journalToText, tidy } from './text.js';

/** Who counts as an executive on ServiceNow (design.md, "Kinds and requesters"). */
export interface ExecutiveRules {
  /** Lower-cased e-mails: the configured executives and every goal's sponsor. */
  emails: ReadonlySet<string>;
  /** Whether the sys_user `vip` flag makes a user an executive. */
  vip: boolean;
  /** Matched against the sys_user title. */
  title: RegExp | undefined;
}

export interface NormalizeSettings {
  /** Instance URL without a trailing slash, for item links. */
  baseUrl: string;
  columns: BearingColumns;
  executives: ExecutiveRules;
}

export type Normalized = { ok: true; item: WorkItem } | { ok: false; quarantine: QuarantineRecord };

/** The item's link in the instance's UI (`nav_to.do` opens the form in UI16 and the Next Experience alike). */
const recordUrl = (baseUrl: string, table: string, sysId: string): string =>
  `${baseUrl}/nav_to.do?uri=${encodeURIComponent(`${table}.do?sys_id=${sysId}`)}`;

/** ServiceNow's default when a record states none: 4 - Low (the task table's default priority). */
const DEFAULT_PRIORITY = 4;

/** A record normalization turns down, named by its number (else its sys_id). */
function quarantine(raw: ServiceNowRaw, field: string, reason: string): Normalized {
  const number = valueOf(raw.record, 'number');
  const sysId = valueOf(raw.record, 'sys_id');
  return {
    ok: false,
    quarantine: {
      system: 'servicenow',
      scope: raw.table,
      recordRef: number ? `SN:${number}` : sysId || '(no number or sys_id)',
      field,
      reason,
      raw,
    },
  };
}

export function createNormalizer(settings: NormalizeSettings): (raw: ServiceNowRaw) => Normalized {
  const validators = new Map(TABLES.map((d) => [d.table, recordValidator(d)]));
  return (raw) => {
    const { record, table } = raw;
    const descriptor = descriptorOf(table);
    const validate = validators.get(table);
    if (!descriptor || !validate) return quarantine(raw, '', `${table} is not a table bearing reads`);
    const parsed = validate(record);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const column = (i: (typeof issues)[number]): string => String(i.path[0] ?? '');
      return quarantine(
        raw,
        column(issues[0] as (typeof issues)[number]),
        issues.map((i) => `${column(i)} ${i.message}`).join('; '),
      );
    }
    return { ok: true, item: toWorkItem(descriptor, raw, settings) };
  };
}

function toWorkItem(d: TableDescriptor, raw: ServiceNowRaw, settings: NormalizeSettings): WorkItem {
  const { record } = raw;
  const value = (column: string): string => valueOf(record, column);
  const display = (column: string): string => displayOf(record, column);
  const sysId = value('sys_id');
  const number = value('number');
  const status = statusOf(d, record);
  const group = display('assignment_group');
  const person = (column: string): Person | null => {
    const id = value(column);
    return id === '' ? null : personOf(id, raw.users[id], display(column), settings.executives);
  };
  const requesterColumn = d.requester.find((column) => value(column) !== '');
  const parentColumn = d.parent.find((column) => display(column) !== '');
  const resolvedAt = status === 'done' ? d.resolved.map(value).find((v) => v !== '') : undefined;
  // Keys in code-unit order, the order the content hash reads them in: it need not sort them for
  // every item (the same goes for persons and effort).
  return {
    assignee: person('assigned_to'),
    businessService: display('business_service') || null,
    category: d.category ? display(d.category) || value(d.category) || null : null,
    components: [],
    container: group,
    // Checked by the record validator: these are valid times.
    created: isoOfServiceNowTime(value('sys_created_on')),
    effort: effortOf(d, value, status),
    epic: null,
    held: heldOf(record, settings.columns),
    id: sysId,
    impact: value('impact') === '' ? null : Number(value('impact')),
    key: number,
    kind: d.kind,
    labels: [],
    links: [],
    parent: parentColumn ? `SN:${display(parentColumn)}` : null,
    priority: priorityOf(value('priority'), value('impact'), value('urgency')),
    ref: `SN:${number}`,
    requester: requesterColumn ? person(requesterColumn) : null,
    resolved: resolvedAt ? isoOfServiceNowTime(resolvedAt) : null,
    scope: d.table,
    source: 'servicenow',
    status,
    team: group,
    text: joinText(
      d.text.map(({ column, format }) => {
        if (format === 'journal') return journalToText(display(column));
        const source = value(column) || display(column);
        return format === 'html' ? htmlToText(source) : tidy(source);
      }),
    ),
    title: boundTitle(tidy(value('short_description'))),
    uid: uidOf('servicenow', sysId),
    updated: isoOfServiceNowTime(value('sys_updated_on')),
    url: recordUrl(settings.baseUrl, d.table, sysId),
  };
}

/** priority 1–5 as stated; else ServiceNow's impact × urgency matrix (1/1 → 1 … 3/3 → 5); else 4 - Low. */
function priorityOf(priority: string, impact: string, urgency: string): number {
  if (priority !== '') return Number(priority);
  if (impact !== '' && urgency !== '') return Math.min(5, Math.max(1, Number(impact) + Number(urgency) - 1));
  return DEFAULT_PRIORITY;
}

/**
 * The state's status from the table's descriptor. A value it does not list (a customised instance)
 * falls back to the state's label, then to `active`: the platform sets active=false on every closed
 * state, and an open state nobody knows is counted as work under way.
 */
function statusOf(d: TableDescriptor, record: RawRecord): ItemStatus {
  const known = d.states[valueOf(record, 'state')];
  if (known) return known;
  const label = displayOf(record, 'state').toLowerCase();
  if (/\b(?:closed|completed?|resolved|cancell?ed|done)\b/.test(label)) return 'done';
  if (/\b(?:new|draft|open|pending|submitted|scheduled|assess|screening|deferred)\b/.test(label))
    return 'todo';
  return valueOf(record, 'active') === 'false' ? 'done' : 'doing';
}

const HOUR_MS = 3_600_000;

/**
 * Hours from the descriptor's duration columns (design.md, "Effort in hours"): the actual effort once
 * the item is done, else the first one stated; an empty or zero duration states nothing.
 */
function effortOf(
  d: TableDescriptor,
  value: (column: string) => string,
  status: ItemStatus,
): WorkItem['effort'] {
  const hoursOf = (column: string): number | undefined => {
    const ms = serviceNowTimeOf(value(column));
    return ms !== undefined && ms > 0 ? Math.round((ms / HOUR_MS) * 100) / 100 : undefined;
  };
  const actual = status === 'done' && d.actualEffort ? hoursOf(d.actualEffort) : undefined;
  const hours = actual ?? d.effort.map(hoursOf).find((h) => h !== undefined);
  return hours === undefined ? { unit: 'default', value: 1 } : { unit: 'hours', value: hours };
}

function personOf(id: string, user: RawUser | undefined, shownName: string, rules: ExecutiveRules): Person {
  const read = (column: string): string => (user ? valueOf(user, column).trim() : '');
  const name = read('name') || shownName;
  const email = read('email');
  const title = read('title');
  const department = user ? displayOf(user, 'department').trim() : '';
  const isExecutive =
    (rules.vip && read('vip') === 'true') ||
    (title !== '' && rules.title !== undefined && rules.title.test(title)) ||
    (email !== '' && rules.emails.has(email.toLowerCase()));
  // Empty parts are left out; keys are set in code-unit order (see toWorkItem). Assigned one by one:
  // spreading `{ ...(email && { email }) }` builds and copies an object per part, for every person.
  const person: Person = {} as Person;
  if (department) person.department = department;
  if (email) person.email = email;
  person.id = id;
  person.isExecutive = isExecutive;
  if (name) person.name = name;
  if (title) person.title = title;
  return person;
}

/**
 * What bearing's three columns hold now. A score that is not an integer 0–100 (someone typed it) reads
 * as empty, so the plan puts bearing's value back; flags are the comma-separated list bearing writes.
 */
export function heldOf(record: RawRecord, columns: BearingColumns): HeldValues {
  const score = valueOf(record, columns.score).trim();
  const goal = valueOf(record, columns.goal).trim();
  const written = valueOf(record, columns.flags);
  // Most records have none: no need to split an empty string into an empty list.
  const flags =
    written === ''
      ? []
      : written
          .split(',')
          .map((f) => f.trim())
          .filter((f) => f !== '');
  const n = /^\d{1,3}$/.test(score) ? Number(score) : NaN;
  return {
    score: n >= 0 && n <= 100 ? n : null,
    goal: goal === '' ? null : goal,
    flags: flags.length ? flags : null,
  };
}
