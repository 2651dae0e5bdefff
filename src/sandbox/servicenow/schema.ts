/**
 * The fake instance's data dictionary: which tables exist, which columns each has, their types and
 * choice labels. Task-family tables inherit the columns of `task` (and `planned_task`) as in the
 * real platform (api-facts §7), which also decides where `sys_dictionary` lists a column.
 */

/**
 * Column types, named after the platform's internal types. Every value is stored and sent as a
 * string (api-facts §6.2); the type decides comparison, ordering and the display value.
 */
export type ColumnType =
  | 'GUID'
  | 'string'
  | 'integer'
  | 'boolean'
  | 'glide_date_time'
  | 'glide_duration'
  | 'reference'
  | 'journal_input'
  | 'html'
  | 'table_name';

export interface ColumnDef {
  name: string;
  label: string;
  type: ColumnType;
  /** Referenced table, for `reference` columns. */
  reference?: string;
  /**
   * The referenced record's column a reference holds; `sys_id` unless the target table uses another
   * reference key (sys_dictionary points at tables and types by name).
   */
  referenceKey?: string;
  /** Choice value → label; the display value of a choice column is its label (§6.2). */
  choices?: Readonly<Record<string, string>>;
  maxLength?: number;
}

export interface TableDef {
  name: string;
  label: string;
  /** Parent table (`task`, `planned_task`): its columns are inherited. */
  extends?: string;
  /** Record number prefix (INC, RITM …), §7. */
  numberPrefix?: string;
  /** Column whose value is the record's display value when another record references it. */
  displayColumn: string;
  columns: readonly ColumnDef[];
  /** Choice lists a child table replaces (incident has its own `state` values, §7). */
  choiceOverrides?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Abstract parent tables are not served by the fake (it cannot query across the hierarchy). */
  abstract?: boolean;
}

const col = (name: string, label: string, type: ColumnType, extra: Partial<ColumnDef> = {}): ColumnDef => ({
  name,
  label,
  type,
  ...extra,
});
const ref = (name: string, label: string, reference: string): ColumnDef =>
  col(name, label, 'reference', { reference });

/** The system columns every table has. */
const systemColumns = (): ColumnDef[] => [
  col('sys_id', 'Sys ID', 'GUID', { maxLength: 32 }),
  col('sys_created_on', 'Created', 'glide_date_time'),
  col('sys_created_by', 'Created by', 'string', { maxLength: 40 }),
  col('sys_updated_on', 'Updated', 'glide_date_time'),
  col('sys_updated_by', 'Updated by', 'string', { maxLength: 40 }),
  col('sys_mod_count', 'Updates', 'integer'),
];

/** Priority 1–5 and impact/urgency 1–3 as the platform labels them (§7; labels as in the UCI export). */
const PRIORITY = {
  '1': '1 - Critical',
  '2': '2 - High',
  '3': '3 - Moderate',
  '4': '4 - Low',
  '5': '5 - Planning',
};
const IMPACT = { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' };
const TASK_STATE = {
  '-5': 'Pending',
  '1': 'Open',
  '2': 'Work in Progress',
  '3': 'Closed Complete',
  '4': 'Closed Incomplete',
  '7': 'Closed Skipped',
};

const task: TableDef = {
  name: 'task',
  label: 'Task',
  abstract: true,
  displayColumn: 'number',
  columns: [
    ...systemColumns(),
    col('sys_class_name', 'Task type', 'table_name', { maxLength: 80 }),
    col('number', 'Number', 'string', { maxLength: 40 }),
    col('short_description', 'Short description', 'string', { maxLength: 160 }),
    col('description', 'Description', 'string', { maxLength: 4000 }),
    col('priority', 'Priority', 'integer', { choices: PRIORITY }),
    col('impact', 'Impact', 'integer', { choices: IMPACT }),
    col('urgency', 'Urgency', 'integer', { choices: IMPACT }),
    col('state', 'State', 'integer', { choices: TASK_STATE }),
    col('active', 'Active', 'boolean'),
    ref('opened_by', 'Opened by', 'sys_user'),
    col('opened_at', 'Opened', 'glide_date_time'),
    col('closed_at', 'Closed', 'glide_date_time'),
    ref('assigned_to', 'Assigned to', 'sys_user'),
    ref('assignment_group', 'Assignment group', 'sys_user_group'),
    ref('business_service', 'Service', 'cmdb_ci_service'),
    ref('cmdb_ci', 'Configuration item', 'cmdb_ci'),
    ref('company', 'Company', 'core_company'),
    ref('location', 'Location', 'cmn_location'),
    ref('parent', 'Parent', 'task'),
    col('due_date', 'Due date', 'glide_date_time'),
    col('approval', 'Approval', 'string', {
      choices: { not_yet_requested: 'Not Yet Requested', requested: 'Requested', approved: 'Approved' },
    }),
    // Durations are times since the epoch (§6.2).
    col('time_worked', 'Time worked', 'glide_duration'),
    // Journal fields: the Table API reads them as "" unless display values are asked for; a write
    // appends an entry (platform behaviour, not in api-facts).
    col('comments', 'Additional comments', 'journal_input'),
    col('work_notes', 'Work notes', 'journal_input'),
  ],
};

const incident: TableDef = {
  name: 'incident',
  label: 'Incident',
  extends: 'task',
  numberPrefix: 'INC',
  displayColumn: 'number',
  // §7: 1 New, 2 In Progress, 3 On Hold, 6 Resolved, 7 Closed, 8 Canceled.
  choiceOverrides: {
    state: {
      '1': 'New',
      '2': 'In Progress',
      '3': 'On Hold',
      '6': 'Resolved',
      '7': 'Closed',
      '8': 'Canceled',
    },
  },
  columns: [
    ref('caller_id', 'Caller', 'sys_user'),
    col('category', 'Category', 'string', {
      choices: { inquiry: 'Inquiry / Help', software: 'Software', hardware: 'Hardware', network: 'Network' },
    }),
    col('subcategory', 'Subcategory', 'string'),
    col('incident_state', 'Incident state', 'integer', {
      choices: {
        '1': 'New',
        '2': 'In Progress',
        '3': 'On Hold',
        '6': 'Resolved',
        '7': 'Closed',
        '8': 'Canceled',
      },
    }),
    col('severity', 'Severity', 'integer', {
      choices: { '1': '1 - High', '2': '2 - Medium', '3': '3 - Low' },
    }),
    col('contact_type', 'Channel', 'string', {
      choices: { email: 'Email', phone: 'Phone', 'self-service': 'Self-service', walk_in: 'Walk-in' },
    }),
    col('reassignment_count', 'Reassignment count', 'integer'),
    col('reopen_count', 'Reopen count', 'integer'),
    col('resolved_at', 'Resolved', 'glide_date_time'),
    ref('resolved_by', 'Resolved by', 'sys_user'),
    col('close_code', 'Resolution code', 'string'),
  ],
};

const scRequest: TableDef = {
  name: 'sc_request',
  label: 'Request',
  extends: 'task',
  numberPrefix: 'REQ',
  displayColumn: 'number',
  columns: [
    ref('requested_for', 'Requested for', 'sys_user'),
    col('request_state', 'Request state', 'string', {
      choices: { requested: 'Pending Approval', in_process: 'Approved', closed_complete: 'Closed Complete' },
    }),
    col('stage', 'Stage', 'string'),
  ],
};

const scReqItem: TableDef = {
  name: 'sc_req_item',
  label: 'Requested Item',
  extends: 'task',
  numberPrefix: 'RITM',
  displayColumn: 'number',
  columns: [
    ref('request', 'Request', 'sc_request'),
    ref('cat_item', 'Item', 'sc_cat_item'),
    // On the RITM since San Diego's delegated requests (§7).
    ref('requested_for', 'Requested for', 'sys_user'),
    col('quantity', 'Quantity', 'integer'),
    col('price', 'Price', 'string'),
    col('stage', 'Stage', 'string', {
      choices: {
        waiting_for_approval: 'Waiting for Approval',
        fulfillment: 'Fulfillment',
        complete: 'Completed',
      },
    }),
  ],
};

const changeRequest: TableDef = {
  name: 'change_request',
  label: 'Change Request',
  extends: 'task',
  numberPrefix: 'CHG',
  displayColumn: 'number',
  // §7: -5 New, -4 Assess, -3 Authorize, -2 Scheduled, -1 Implement, 0 Review, 3 Closed, 4 Canceled.
  choiceOverrides: {
    state: {
      '-5': 'New',
      '-4': 'Assess',
      '-3': 'Authorize',
      '-2': 'Scheduled',
      '-1': 'Implement',
      '0': 'Review',
      '3': 'Closed',
      '4': 'Canceled',
    },
  },
  columns: [
    col('type', 'Type', 'string', {
      choices: { normal: 'Normal', standard: 'Standard', emergency: 'Emergency' },
    }),
    col('category', 'Category', 'string'),
    col('risk', 'Risk', 'integer', { choices: { '2': 'High', '3': 'Moderate', '4': 'Low' } }),
    ref('requested_by', 'Requested by', 'sys_user'),
    col('start_date', 'Planned start date', 'glide_date_time'),
    col('end_date', 'Planned end date', 'glide_date_time'),
    col('justification', 'Justification', 'string', { maxLength: 4000 }),
    col('implementation_plan', 'Implementation plan', 'string', { maxLength: 4000 }),
  ],
};

/** Projects extend planned_task (§7); `effort` (planned) and `work_effort` (actual) are durations. */
const plannedTask: TableDef = {
  name: 'planned_task',
  label: 'Planned task',
  extends: 'task',
  abstract: true,
  displayColumn: 'number',
  columns: [
    col('start_date', 'Planned start date', 'glide_date_time'),
    col('end_date', 'Planned end date', 'glide_date_time'),
    col('percent_complete', '% Complete', 'integer'),
    col('effort', 'Planned effort', 'glide_duration'),
    col('work_effort', 'Actual effort', 'glide_duration'),
  ],
};

const pmProject: TableDef = {
  name: 'pm_project',
  label: 'Project',
  extends: 'planned_task',
  numberPrefix: 'PRJ',
  displayColumn: 'number',
  columns: [
    ref('project_manager', 'Project manager', 'sys_user'),
    col('phase', 'Phase', 'string', {
      choices: { initiating: 'Initiating', planning: 'Planning', executing: 'Executing', closing: 'Closing' },
    }),
    ref('primary_portfolio', 'Portfolio', 'pm_portfolio'),
    ref('primary_program', 'Program', 'pm_program'),
    ref('demand', 'Demand', 'dmn_demand'),
    col('cost', 'Actual cost', 'string'),
    col('planned_cost', 'Planned cost', 'string'),
  ],
};

/**
 * Demands extend task (§7). State values are UNCONFIRMED in §7: the fake numbers the documented
 * labels in their documented order. `effort` and `business_case` (HTML) column names are UNCONFIRMED too.
 */
const dmnDemand: TableDef = {
  name: 'dmn_demand',
  label: 'Demand',
  extends: 'task',
  numberPrefix: 'DMND',
  displayColumn: 'number',
  choiceOverrides: {
    state: {
      '1': 'Draft',
      '2': 'Submitted',
      '3': 'Screening',
      '4': 'Qualified',
      '5': 'Approved',
      '6': 'Deferred',
      '7': 'Completed',
    },
  },
  columns: [
    ref('submitter', 'Submitter', 'sys_user'),
    ref('demand_manager', 'Demand manager', 'sys_user'),
    col('category', 'Category', 'string', {
      choices: { strategic: 'Strategic', operational: 'Operational' },
    }),
    col('type', 'Type', 'string', {
      choices: {
        project: 'Project',
        enhancement: 'Enhancement',
        change: 'Change',
        epic: 'Epic',
        defect: 'Defect',
      },
    }),
    col('stage', 'Stage', 'string'),
    ref('portfolio', 'Portfolio', 'pm_portfolio'),
    ref('primary_program', 'Program', 'pm_program'),
    col('business_case', 'Business case', 'html', { maxLength: 8000 }),
    col('start_date', 'Start date', 'glide_date_time'),
    col('effort', 'Planned effort', 'glide_duration'),
  ],
};

const sysUser: TableDef = {
  name: 'sys_user',
  label: 'User',
  displayColumn: 'name',
  columns: [
    ...systemColumns(),
    col('user_name', 'User ID', 'string', { maxLength: 40 }),
    col('first_name', 'First name', 'string'),
    col('last_name', 'Last name', 'string'),
    col('name', 'Name', 'string'),
    col('email', 'Email', 'string'),
    col('title', 'Title', 'string'),
    ref('department', 'Department', 'cmn_department'),
    ref('manager', 'Manager', 'sys_user'),
    col('vip', 'VIP', 'boolean'),
    col('active', 'Active', 'boolean'),
    ref('company', 'Company', 'core_company'),
    ref('location', 'Location', 'cmn_location'),
    col('employee_number', 'Employee number', 'string'),
  ],
};

const named = (name: string, label: string, more: ColumnDef[] = []): TableDef => ({
  name,
  label,
  displayColumn: 'name',
  columns: [...systemColumns(), col('name', 'Name', 'string'), ...more],
});

const sysUserGroup = named('sys_user_group', 'Group', [
  col('description', 'Description', 'string'),
  col('active', 'Active', 'boolean'),
  ref('manager', 'Manager', 'sys_user'),
  col('email', 'Group email', 'string'),
]);
const cmnDepartment = named('cmn_department', 'Department', [
  ref('dept_head', 'Department head', 'sys_user'),
]);
const cmdbCiService = named('cmdb_ci_service', 'Business Service', [
  col('operational_status', 'Operational status', 'integer', {
    choices: { '1': 'Operational', '2': 'Non-Operational' },
  }),
  col('busines_criticality', 'Business criticality', 'string'),
  ref('owned_by', 'Owned by', 'sys_user'),
]);

/**
 * The data dictionary as a table (not covered by api-facts; platform behaviour): one row per column,
 * under the table that *defines* it (`task` for inherited columns), plus one row per table with an
 * empty element. `internal_type` and `reference` point at their targets by name, not sys_id.
 */
const sysDictionary: TableDef = {
  name: 'sys_dictionary',
  label: 'Dictionary Entry',
  displayColumn: 'column_label',
  columns: [
    ...systemColumns(),
    col('name', 'Table', 'table_name'),
    col('element', 'Column name', 'string'),
    col('column_label', 'Column label', 'string'),
    col('internal_type', 'Type', 'reference', { reference: 'sys_glide_object', referenceKey: 'name' }),
    col('reference', 'Reference', 'reference', { reference: 'sys_db_object', referenceKey: 'name' }),
    col('max_length', 'Max length', 'integer'),
    col('active', 'Active', 'boolean'),
    col('mandatory', 'Mandatory', 'boolean'),
    col('read_only', 'Read only', 'boolean'),
  ],
};

/** Tables and their parents, so a client can find where inherited columns are defined. */
const sysDbObject: TableDef = named('sys_db_object', 'Table', [
  col('label', 'Label', 'string'),
  col('super_class', 'Extends table', 'reference', { reference: 'sys_db_object' }),
]);

export const TABLES: readonly TableDef[] = [
  task,
  plannedTask,
  incident,
  scRequest,
  scReqItem,
  changeRequest,
  pmProject,
  dmnDemand,
  sysUser,
  sysUserGroup,
  cmnDepartment,
  cmdbCiService,
  sysDictionary,
  sysDbObject,
];

/** The tables bearing scores (design.md), which carry bearing's columns unless told otherwise. */
export const WORK_TABLES = ['incident', 'sc_req_item', 'change_request', 'pm_project', 'dmn_demand'] as const;

/** Types of the custom columns bearing writes (design.md, "What bearing writes"); other `u_` columns are strings. */
const CUSTOM_COLUMNS: Readonly<Record<string, ColumnDef>> = {
  u_alignment_score: col('u_alignment_score', 'Alignment Score', 'integer'),
  u_business_goal: col('u_business_goal', 'Business Goal', 'string', { maxLength: 100 }),
  u_alignment_flags: col('u_alignment_flags', 'Alignment Flags', 'string', { maxLength: 255 }),
};

export const BEARING_COLUMNS = Object.keys(CUSTOM_COLUMNS);

export function customColumn(name: string): ColumnDef {
  return CUSTOM_COLUMNS[name] ?? col(name, name, 'string', { maxLength: 255 });
}

/** What handlers need from the instance's data: effective columns and record look-up for references. */
export interface Catalog {
  /** The columns of a served table, inherited ones included; undefined for an unknown table. */
  columnsOf(table: string): ReadonlyMap<string, ColumnDef> | undefined;
  /** A record of `table` or of a table extending it, by its reference key. */
  find(table: string, key: string, referenceKey?: string): { table: string; row: Row } | undefined;
  /** The display column of a table. */
  displayColumnOf(table: string): string | undefined;
}

/**
 * A stored record: column → raw string value (§6.2). `null` marks a column left out of the answer
 * entirely (only injected, schema-violating records have it); a missing key reads as "".
 */
export type Row = Record<string, string | null>;
