/**
 * The field catalogue: system fields, custom fields with their type and searcher keys (§2, §3.3), their
 * default contexts and the screens they are on.
 */
import type { CustomFieldSpec, JiraFlavour } from './types.js';

/** How the fake validates and stores a value written to a field (values.ts); null = not settable here. */
export type EditKind =
  'summary' | 'richtext' | 'labels' | 'priority' | 'number' | 'text' | 'textarea' | 'url' | 'date';

export interface FieldSchema {
  type: string;
  system?: string;
  custom?: string;
  customId?: number;
  items?: string;
}

export interface FieldDef {
  id: string;
  key: string;
  name: string;
  custom: boolean;
  orderable: boolean;
  navigable: boolean;
  searchable: boolean;
  clauseNames: string[];
  schema?: FieldSchema;
  description?: string;
  edit: EditKind | null;
  /** Counts against the bulkfetch 1,000-id rule (§10.1). */
  multiValued: boolean;
  /** Custom fields only: id of the default global context (§3.3). */
  contextId?: string;
  /** Whether the field is on the default screen (used with `screenCheck`, §3.1). */
  onScreen: boolean;
}

export const CUSTOM_TYPE_PREFIX = 'com.atlassian.jira.plugin.system.customfieldtypes:';
const STORY_POINTS_TYPE = 'com.pyxis.greenhopper.jira:jsw-story-points';
const EPIC_LINK_TYPE = 'com.pyxis.greenhopper.jira:gh-epic-link';

interface CustomType {
  schema: Omit<FieldSchema, 'custom' | 'customId'>;
  /** Searcher keys that fit the type (§3.3); the first is the default. */
  searchers: string[];
  edit: EditKind | null;
  /** Whether `POST /field` may create it (the §3.3 list); Jira Software's own types may not be. */
  creatable: boolean;
}

const sys = (name: string): string => `${CUSTOM_TYPE_PREFIX}${name}`;

/** Type ↔ searcher pairs of §3.3, plus Jira Software's story points and epic link types (§2). */
export const CUSTOM_TYPES: Record<string, CustomType> = {
  [sys('float')]: {
    schema: { type: 'number' },
    searchers: [sys('exactnumber'), sys('numberrange')],
    edit: 'number',
    creatable: true,
  },
  [sys('textfield')]: {
    schema: { type: 'string' },
    searchers: [sys('textsearcher')],
    edit: 'text',
    creatable: true,
  },
  [sys('textarea')]: {
    schema: { type: 'string' },
    searchers: [sys('textsearcher')],
    edit: 'textarea',
    creatable: true,
  },
  [sys('labels')]: {
    schema: { type: 'array', items: 'string' },
    searchers: [sys('labelsearcher')],
    edit: 'labels',
    creatable: true,
  },
  [sys('select')]: {
    schema: { type: 'option' },
    searchers: [sys('multiselectsearcher')],
    edit: null,
    creatable: true,
  },
  [sys('multiselect')]: {
    schema: { type: 'array', items: 'option' },
    searchers: [sys('multiselectsearcher')],
    edit: null,
    creatable: true,
  },
  [sys('datepicker')]: {
    schema: { type: 'date' },
    searchers: [sys('daterange')],
    edit: 'date',
    creatable: true,
  },
  [sys('datetime')]: {
    schema: { type: 'datetime' },
    searchers: [sys('datetimerange')],
    edit: null,
    creatable: true,
  },
  [sys('url')]: {
    schema: { type: 'string' },
    searchers: [sys('exacttextsearcher')],
    edit: 'url',
    creatable: true,
  },
  [sys('userpicker')]: {
    schema: { type: 'user' },
    searchers: [sys('userpickergroupsearcher')],
    edit: null,
    creatable: true,
  },
  [STORY_POINTS_TYPE]: { schema: { type: 'number' }, searchers: [], edit: 'number', creatable: false },
  [EPIC_LINK_TYPE]: { schema: { type: 'any' }, searchers: [], edit: null, creatable: false },
};

/** Cloud team-managed story points (§2: "Story point estimate", usually customfield_10016). */
export const STORY_POINT_ESTIMATE_FIELD: CustomFieldSpec = {
  id: 'customfield_10016',
  name: 'Story point estimate',
  type: STORY_POINTS_TYPE,
};
/** Company-managed story points (§2: "Story Points", a number field; ids vary by site). */
export const STORY_POINTS_FIELD: CustomFieldSpec = {
  id: 'customfield_10026',
  name: 'Story Points',
  type: sys('float'),
  searcherKey: sys('exactnumber'),
};
/** Data Center defaults: Story Points and the Epic Link field DC still uses (§2). */
export const DC_STORY_POINTS_FIELD: CustomFieldSpec = { ...STORY_POINTS_FIELD, id: 'customfield_10106' };
export const DC_EPIC_LINK_FIELD: CustomFieldSpec = {
  id: 'customfield_10101',
  name: 'Epic Link',
  type: EPIC_LINK_TYPE,
};

type SystemRow = [
  id: string,
  name: string,
  schema: FieldSchema | undefined,
  flags: { nav?: boolean; order?: boolean; search?: boolean; edit?: EditKind; multi?: 'always' | 'array' },
];

const dt = (system: string): FieldSchema => ({ type: 'datetime', system });
const num = (system: string): FieldSchema => ({ type: 'number', system });
const arr = (items: string, system: string): FieldSchema => ({ type: 'array', items, system });

const SYSTEM_FIELDS: SystemRow[] = [
  ['issuekey', 'Key', undefined, { order: false }],
  ['summary', 'Summary', { type: 'string', system: 'summary' }, { edit: 'summary' }],
  ['description', 'Description', { type: 'string', system: 'description' }, { edit: 'richtext' }],
  ['environment', 'Environment', { type: 'string', system: 'environment' }, {}],
  ['project', 'Project', { type: 'project', system: 'project' }, {}],
  ['issuetype', 'Issue Type', { type: 'issuetype', system: 'issuetype' }, {}],
  ['status', 'Status', { type: 'status', system: 'status' }, { order: false }],
  ['priority', 'Priority', { type: 'priority', system: 'priority' }, { edit: 'priority' }],
  ['resolution', 'Resolution', { type: 'resolution', system: 'resolution' }, {}],
  ['labels', 'Labels', arr('string', 'labels'), { edit: 'labels', multi: 'array' }],
  ['components', 'Components', arr('component', 'components'), { multi: 'array' }],
  ['fixVersions', 'Fix versions', arr('version', 'fixVersions'), { multi: 'array' }],
  ['versions', 'Affects versions', arr('version', 'versions'), { multi: 'array' }],
  ['reporter', 'Reporter', { type: 'user', system: 'reporter' }, {}],
  ['assignee', 'Assignee', { type: 'user', system: 'assignee' }, {}],
  ['creator', 'Creator', { type: 'user', system: 'creator' }, { order: false }],
  ['created', 'Created', dt('created'), { order: false }],
  ['updated', 'Updated', dt('updated'), { order: false }],
  ['resolutiondate', 'Resolved', dt('resolutiondate'), { order: false }],
  ['statuscategorychangedate', 'Status Category Changed', dt('statuscategorychangedate'), { order: false }],
  ['duedate', 'Due date', { type: 'date', system: 'duedate' }, {}],
  ['parent', 'Parent', undefined, {}],
  ['subtasks', 'Sub-tasks', arr('issuelinks', 'subtasks'), { order: false, search: false, multi: 'array' }],
  ['issuelinks', 'Linked Issues', arr('issuelinks', 'issuelinks'), { multi: 'array' }],
  ['timetracking', 'Time tracking', { type: 'timetracking', system: 'timetracking' }, { nav: false }],
  ['timeoriginalestimate', 'Original estimate', num('timeoriginalestimate'), { order: false }],
  ['timeestimate', 'Remaining Estimate', num('timeestimate'), { order: false }],
  ['timespent', 'Time Spent', num('timespent'), { order: false }],
  ['aggregatetimespent', 'Σ Time Spent', num('aggregatetimespent'), { order: false }],
  ['comment', 'Comment', { type: 'comments-page', system: 'comment' }, { nav: false, multi: 'always' }],
  ['worklog', 'Log Work', arr('worklog', 'worklog'), { nav: false, multi: 'always' }],
  ['attachment', 'Attachment', arr('attachment', 'attachment'), { multi: 'always' }],
];

/** Cloud-only system fields (statusCategory is a Cloud field; §2 statusCategory object). */
const CLOUD_EXTRA: SystemRow[] = [
  [
    'statusCategory',
    'Status Category',
    { type: 'statusCategory', system: 'statusCategory' },
    { order: false },
  ],
];

/** Issue fields the renderer knows; `*navigable` is these minus the non-navigable ones. */
export class FieldCatalogue {
  private readonly fields = new Map<string, FieldDef>();
  private nextCustomId = 10100;
  private nextContextId = 10100;

  constructor(
    readonly flavour: JiraFlavour,
    presets: CustomFieldSpec[],
    private readonly arraysAreMultiValued: boolean,
  ) {
    const rows = flavour === 'cloud' ? [...SYSTEM_FIELDS, ...CLOUD_EXTRA] : SYSTEM_FIELDS;
    for (const [id, name, schema, flags] of rows) {
      this.fields.set(id, {
        id,
        key: id,
        name,
        custom: false,
        orderable: flags.order ?? true,
        navigable: flags.nav ?? true,
        searchable: flags.search ?? true,
        clauseNames: id === 'issuekey' ? ['id', 'issue', 'issuekey', 'key'] : [id],
        ...(schema ? { schema } : {}),
        edit: flags.edit ?? null,
        multiValued: flags.multi === 'always' || (flags.multi === 'array' && arraysAreMultiValued),
        onScreen: true,
      });
    }
    // Preset fields get their type's default searcher, as fields made in the admin UI do.
    for (const spec of presets) {
      this.addCustom({ ...spec, searcherKey: spec.searcherKey ?? CUSTOM_TYPES[spec.type]?.searchers[0] });
    }
  }

  all(): FieldDef[] {
    return [...this.fields.values()];
  }

  get(id: string): FieldDef | undefined {
    return this.fields.get(id);
  }

  /** By id, `cf[NNNNN]`, or (case-insensitively) by name; the first field of that name wins, as in JQL. */
  find(idOrName: string): FieldDef | undefined {
    const direct = this.fields.get(idOrName);
    if (direct) return direct;
    const cf = /^cf\[(\d+)\]$/i.exec(idOrName);
    if (cf) return this.fields.get(`customfield_${cf[1]}`);
    const lower = idOrName.toLowerCase();
    for (const f of this.fields.values()) if (f.name.toLowerCase() === lower) return f;
    return undefined;
  }

  /** Adds a custom field; the caller has validated type and searcher. */
  addCustom(spec: CustomFieldSpec): FieldDef {
    const type = CUSTOM_TYPES[spec.type];
    if (!type) throw new Error(`fake Jira: unknown custom field type "${spec.type}"`);
    const id = spec.id ?? `customfield_${this.nextCustomId}`;
    const numeric = Number(/^customfield_(\d+)$/.exec(id)?.[1]);
    if (!Number.isInteger(numeric))
      throw new Error(`fake Jira: expected a customfield_NNNNN id, got "${id}"`);
    if (this.fields.has(id)) throw new Error(`fake Jira: field ${id} exists already`);
    this.nextCustomId = Math.max(this.nextCustomId, numeric + 1);
    const searcher = spec.searcherKey;
    const def: FieldDef = {
      id,
      key: id,
      name: spec.name,
      custom: true,
      orderable: true,
      navigable: true,
      // §3.3: no searcher → the field is not searchable in JQL. Jira Software's own fields always are.
      searchable: searcher !== undefined || !type.creatable,
      clauseNames: [`cf[${numeric}]`, spec.name],
      schema: { ...type.schema, custom: spec.type, customId: numeric },
      ...(spec.description ? { description: spec.description } : {}),
      edit: type.edit,
      multiValued: type.schema.type === 'array' && this.arraysAreMultiValued,
      contextId: String(this.nextContextId++),
      onScreen: spec.onScreen ?? true,
    };
    this.fields.set(id, def);
    return def;
  }

  /** The field seeds' story points go to: the given id, else the first field named like story points. */
  storyPointsId(explicit: string | undefined): string | undefined {
    if (explicit) return explicit;
    for (const f of this.fields.values()) {
      if (f.custom && /^story point(s| estimate)$/i.test(f.name)) return f.id;
    }
    return undefined;
  }

  /** The Data Center Epic Link field, if present. */
  epicLinkId(): string | undefined {
    for (const f of this.fields.values()) if (f.schema?.custom === EPIC_LINK_TYPE) return f.id;
    return undefined;
  }
}
