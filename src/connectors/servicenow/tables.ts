/**
 * One descriptor per ServiceNow table bearing reads (style.md: one table of descriptors, one generic
 * path). Everything that differs between tables — kind, requester columns, states, where category,
 * parent, resolution time and effort live, extra text, the role that grants access — is data here;
 * the puller, normalizer and writer never switch on a table name.
 */
import type { ItemKind, ItemStatus } from '../../model/index.js';

/** How a text column is flattened: plain text, HTML (rich text fields), or a journal (comments, work notes). */
export type TextFormat = 'plain' | 'html' | 'journal';

export interface TableDescriptor {
  readonly table: string;
  readonly kind: ItemKind;
  /** sys_user references naming the requester, in order of preference (design.md, "Kinds and requesters"). */
  readonly requester: readonly string[];
  /** State value → status. Values not listed fall back to the state's label, then to `active` (see normalize.ts). */
  readonly states: Readonly<Record<string, ItemStatus>>;
  /** Column whose display value is the item's category, or null. */
  readonly category: string | null;
  /** Reference columns whose display value (a number) is the parent's, in order of preference. */
  readonly parent: readonly string[];
  /** Time columns holding the resolution time, in order of preference; read only for done items. */
  readonly resolved: readonly string[];
  /** Duration columns with the effort in hours, in order of preference (api-facts §6.2: time since the epoch). */
  readonly effort: readonly string[];
  /** A duration holding the actual effort, which wins over `effort` once the item is done. */
  readonly actualEffort?: string;
  /** Text columns besides short_description, in the order they make up the item's text. */
  readonly text: readonly { column: string; format: TextFormat }[];
  /** The out-of-box role that reads and writes this table, named in 403 messages (api-facts §6.7). */
  readonly role: string;
}

/**
 * The task table's states (api-facts §7 lists the family; values as the platform ships them):
 * -5 Pending and 1 Open wait, 2 Work in Progress is under way, 3/4/7 are the closed states.
 */
const TASK_STATES: Readonly<Record<string, ItemStatus>> = {
  '-5': 'todo',
  '1': 'todo',
  '2': 'doing',
  '3': 'done',
  '4': 'done',
  '7': 'done',
};

const JOURNALS = [
  { column: 'comments', format: 'journal' },
  { column: 'work_notes', format: 'journal' },
] as const;

const DESCRIPTION = { column: 'description', format: 'plain' } as const;

export const TABLES: readonly TableDescriptor[] = [
  {
    table: 'incident',
    kind: 'incident',
    requester: ['caller_id'],
    // §7: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled. On Hold counts as
    // doing: the team has taken the incident on and it still holds their capacity.
    states: { '1': 'todo', '2': 'doing', '3': 'doing', '6': 'done', '7': 'done', '8': 'done' },
    category: 'category',
    parent: ['parent'],
    resolved: ['resolved_at', 'closed_at'],
    effort: ['time_worked'],
    text: [DESCRIPTION, ...JOURNALS],
    role: 'itil',
  },
  {
    table: 'sc_req_item',
    kind: 'request',
    // §7: requested_for sits on the item since San Diego; opened_by stands in where it is empty.
    requester: ['requested_for', 'opened_by'],
    states: TASK_STATES,
    // A requested item has no category; the catalog item ("Zoom licence") says what was asked for.
    category: 'cat_item',
    parent: ['request', 'parent'],
    resolved: ['closed_at'],
    effort: ['time_worked'],
    text: [DESCRIPTION, ...JOURNALS],
    role: 'itil',
  },
  {
    table: 'change_request',
    kind: 'change',
    requester: ['requested_by'],
    // §7: -5 New, -4 Assess, -3 Authorize, -2 Scheduled wait; -1 Implement and 0 Review are under
    // way; 3 Closed and 4 Canceled are done.
    states: {
      '-5': 'todo',
      '-4': 'todo',
      '-3': 'todo',
      '-2': 'todo',
      '-1': 'doing',
      '0': 'doing',
      '3': 'done',
      '4': 'done',
    },
    category: 'category',
    parent: ['parent'],
    resolved: ['closed_at'],
    effort: ['time_worked'],
    text: [
      DESCRIPTION,
      { column: 'justification', format: 'plain' },
      { column: 'implementation_plan', format: 'plain' },
      ...JOURNALS,
    ],
    role: 'itil',
  },
  {
    table: 'pm_project',
    kind: 'project',
    // design.md: requested_by, else project_manager. Out of the box (and in the fake) projects
    // have no requested_by; asking for it costs nothing, as unknown fields are left out (§6.1).
    requester: ['requested_by', 'project_manager'],
    // pm_project extends planned_task, which keeps the task states (§7).
    states: TASK_STATES,
    category: null,
    parent: ['demand', 'parent'],
    // planned_task's work_end (actual end) where closed_at is empty.
    resolved: ['closed_at', 'work_end'],
    // planned_task: `effort` is planned, `work_effort` actual (durations).
    effort: ['effort', 'work_effort'],
    actualEffort: 'work_effort',
    text: [DESCRIPTION, ...JOURNALS],
    role: 'it_project_manager',
  },
  {
    table: 'dmn_demand',
    kind: 'demand',
    requester: ['submitter', 'requested_by'],
    // §7 names the states but not their values (UNCONFIRMED); these are the values the sandbox
    // numbers them with: Draft, Submitted, Screening, Qualified wait; Approved is being delivered;
    // Deferred waits again; Completed is done. Other values fall back to the label.
    states: { '1': 'todo', '2': 'todo', '3': 'todo', '4': 'todo', '5': 'doing', '6': 'todo', '7': 'done' },
    category: 'category',
    parent: ['parent'],
    resolved: ['closed_at'],
    effort: ['effort'],
    text: [DESCRIPTION, { column: 'business_case', format: 'html' }, ...JOURNALS],
    role: 'it_demand_manager',
  },
];

/** The tables bearing reads by default: all of them. */
export const DEFAULT_TABLES: readonly string[] = TABLES.map((t) => t.table);

const BY_NAME = new Map(TABLES.map((t) => [t.table, t]));

export function descriptorOf(table: string): TableDescriptor | undefined {
  return BY_NAME.get(table);
}

/** Columns every task-family table shares (api-facts §7) that bearing reads. */
const COMMON_COLUMNS = [
  'sys_id',
  'number',
  'short_description',
  'priority',
  'impact',
  'urgency',
  'state',
  'active',
  'assignment_group',
  'assigned_to',
  'business_service',
  'sys_created_on',
  'sys_updated_on',
] as const;

/** The user columns normalization reads of a requester or assignee (name, e-mail, and what makes an executive). */
export const PERSON_COLUMNS = ['name', 'email', 'title', 'vip', 'department'] as const;

/** The sys_user references of a table whose users normalization reads: the requester columns and the assignee. */
export const personColumnsOf = (descriptor: TableDescriptor): string[] => [
  ...new Set([...descriptor.requester, 'assigned_to']),
];

/** The names of bearing's three columns. */
export interface BearingColumns {
  score: string;
  goal: string;
  flags: string;
}

/**
 * `sysparm_fields` for a table: only the columns bearing uses, bearing's own three included so every
 * pull knows what each record holds now (design.md, "What bearing writes"), and the users' columns
 * dot-walked through each person reference (`caller_id.email`, §6.1), so a page needs no sys_user
 * look-ups.
 */
export function columnsToRead(descriptor: TableDescriptor, columns: BearingColumns): string[] {
  const all = [
    ...COMMON_COLUMNS,
    ...descriptor.requester,
    ...(descriptor.category ? [descriptor.category] : []),
    ...descriptor.parent,
    ...descriptor.resolved,
    ...descriptor.effort,
    ...(descriptor.actualEffort ? [descriptor.actualEffort] : []),
    ...descriptor.text.map((t) => t.column),
    columns.score,
    columns.goal,
    columns.flags,
    ...personColumnsOf(descriptor).flatMap((ref) => PERSON_COLUMNS.map((c) => `${ref}.${c}`)),
  ];
  return [...new Set(all)];
}
