/**
 * Public types of the fake Jira: options, accounts, the stored issue record and the write log.
 * Section numbers (§) refer to ../shared/api-facts.md.
 */
import type { SeedJiraType } from '../seed.js';

/** Cloud = REST v3 (+ v2 search/jql), Data Center = REST v2 only (§1.5, §8). */
export type JiraFlavour = 'cloud' | 'datacenter';

/** What an API account may do. Every flag maps to a Jira permission named in api-facts §3.1 / §10.1. */
export interface JiraPermissions {
  /**
   * Global *Administer Jira*: create custom fields (§3.3), honour `notifyUsers=false` (§3.1) and
   * `sendBulkNotification:false` (§10.1), read field contexts and screens.
   * @default false
   */
  administerJira: boolean;
  /** *Administer Projects*: enough for `notifyUsers=false` and `sendBulkNotification:false` (§3.1, §10.1). @default false */
  administerProjects: boolean;
  /** Global *Make bulk changes* (§10.1). Switch it off to force the per-issue PUT fallback. @default true */
  bulkChange: boolean;
  /** Projects whose issues the account may edit; `true` = all. @default true */
  editIssues: boolean | string[];
}

/** An API account (the bot, or a second user for permission tests) and its credentials (§5.4). */
export interface FakeJiraAccount {
  /** Cloud accountId. */
  accountId: string;
  /** Data Center user name (the `name` of a DC user object, §2). */
  name: string;
  displayName: string;
  /** Basic-auth identity on Cloud; may be null for a user hiding it (then Basic auth is impossible). */
  email: string | null;
  /** Profile time zone: JQL date literals are read in it and timestamps rendered in it (§1.1b, §2). */
  timeZone: string;
  /** `app` for Connect/Forge apps: only they may use `overrideScreenSecurity` / `overrideEditableFlag` (§3.1). */
  accountType: 'atlassian' | 'app';
  /** Cloud unscoped API token, sent as Basic `email:token`; valid on the site URL and through the gateway. */
  apiToken?: string;
  /** Cloud scoped API token: only through `https://api.atlassian.com/ex/jira/{cloudId}` (§5.4). */
  scopedApiToken?: string;
  /** Cloud OAuth 2.0 (3LO) access token, sent as Bearer; only through the gateway (§5.4). */
  oauthToken?: string;
  /** Data Center personal access token, sent as Bearer (§5.4). */
  pat?: string;
  /** Data Center password for Basic `name:password`, honoured only when `basicAuthEnabled` (§5.4). */
  password?: string;
  permissions: JiraPermissions;
}

/** A custom field present on the site from the start (story points, or bearing's own fields). */
export interface CustomFieldSpec {
  /** `customfield_NNNNN`; assigned when absent. */
  id?: string;
  name: string;
  /**
   * Full type key, e.g. `com.atlassian.jira.plugin.system.customfieldtypes:float` or
   * `com.pyxis.greenhopper.jira:jsw-story-points` (§2, §3.3).
   */
  type: string;
  searcherKey?: string;
  description?: string;
  /** Whether the field is on the default screen (matters only with `screenCheck`). @default true for preset fields */
  onScreen?: boolean;
}

/** Project metadata beyond the key that seeds carry (§4). */
export interface ProjectSpec {
  key: string;
  name?: string;
  projectTypeKey?: 'software' | 'service_desk' | 'business' | 'product_discovery' | 'customer_service';
  /** true = team-managed (`style: next-gen`). @default false */
  simplified?: boolean;
  description?: string;
  /** Seed person id of the lead. */
  leadId?: string;
  category?: { id: string; name: string; description?: string };
}

/** Timing of an asynchronous bulk edit task (§10.1), relative to its submission, on the fake's clock. */
export interface BulkTaskTiming {
  /** ENQUEUED until this many ms have passed. @default 50 */
  startAfterMs: number;
  /** RUNNING until this many ms have passed; then COMPLETE and the edits land. @default 200 */
  completeAfterMs: number;
}

export interface FakeJiraOptions {
  flavour: JiraFlavour;
  /** Injectable clock (epoch ms), used for `updated`, tokens, tasks, lag. @default Date.now */
  now?: () => number;
  /** API accounts. @default [a bot account, see DEFAULT_BOT] */
  accounts?: FakeJiraAccount[];
  /**
   * Time zone of the default bot account, and of anonymous requests. Deliberately not UTC by default,
   * so a connector that writes UTC wall-clock times into JQL fails its tests (§1.1b).
   * @default 'Europe/Berlin'
   */
  timeZone?: string;
  /** Shorthand for the default bot's `bulkChange` permission. @default true */
  bulkAllowed?: boolean;
  /** Shorthand for the default bot's `administerJira` (notifyUsers=false, field creation). @default true */
  notifyAllowed?: boolean;
  /**
   * Eventual consistency of Cloud search (§1.2): an issue edited less than this many ms ago is seen
   * by search (and approximate-count) as it was before, unless its id is in `reconcileIssues`.
   * @default 0
   */
  searchLagMs?: number;
  /** Cloud `/search/jql` page cap when real fields are requested (§1.2 observed 100, §9.2). @default 100 */
  contentPageCap?: number;
  /** Data Center `/search` page cap (§1.5: `jira.search.views.max.limit` 1000). @default 1000 */
  dcPageCap?: number;
  /** Data Center `max_result_window` (§1.5). @default 10000 */
  dcMaxResultWindow?: number;
  /** Custom fields present from the start. @default the flavour's story points field (see storyPointFields) */
  customFields?: CustomFieldSpec[];
  /** Field id the seeds' `storyPoints` are written to. @default the first preset field named like story points */
  storyPointsFieldId?: string;
  /** Project metadata; projects named by seeds but absent here get defaults. */
  projects?: ProjectSpec[];
  /**
   * Whether PUT rejects custom fields that are on no screen with the classic "cannot be set" 400
   * (§3.1: older spec text). The newer text says screens are no longer checked. @default false
   */
  screenCheck?: boolean;
  bulkTask?: Partial<BulkTaskTiming>;
  /**
   * Whether array fields (labels, components, issuelinks, …) count as "multi-valued" for the bulkfetch
   * 1,000-id rule (§10.1 UNCONFIRMED). The stricter reading is the default, so a connector that relies on
   * the looser one fails here rather than in production. @default true
   */
  bulkfetchArraysAreMultiValued?: boolean;
  /** Per-issue write limits of §5.1 (20 per 2 s, 100 per 30 s) on PUT. @default true */
  perIssueWriteLimits?: boolean;
  /** Add the informational `Beta-Retry-After` / `X-Beta-RateLimit-*` headers to successful answers (§5.2). @default false */
  betaRateLimitHeaders?: boolean;
  /** Cloud id for the OAuth / scoped-token gateway path `/ex/jira/{cloudId}` (§5.4). */
  cloudId?: string;
  /** Data Center: `deploymentType` in serverInfo. @default 'DataCenter' */
  deploymentType?: 'Server' | 'DataCenter';
  /** Data Center: accept Basic auth (Jira DC 11 disables it by default, §5.4). @default false */
  basicAuthEnabled?: boolean;
  /** Projects whose issues an anonymous caller can see (§1.2: "often none"). @default [] */
  publicProjects?: string[];
}

/** A link as stored on its source issue (the target gets the inward side when rendered). */
export interface StoredLink {
  id: string;
  type: 'Duplicate' | 'Relates' | 'Blocks' | 'Cloners';
  /** Key of the issue on the outward side (this issue "duplicates" it). */
  outwardKey: string;
}

/**
 * One issue as the fake stores it: neutral values, rendered to v3 / v2 / DC wire shapes per request.
 * Treat as read-only: edits replace the record (older versions stay visible to lagging search).
 */
export interface JiraIssueRecord {
  readonly id: string;
  readonly key: string;
  readonly project: string;
  /** Number part of the key, for key ordering. */
  readonly number: number;
  readonly issueType: SeedJiraType;
  readonly summary: string;
  /** Plain text (paragraphs separated by blank lines), rendered as ADF (v3) or wiki markup (v2). */
  readonly description: string | null;
  readonly status: 'todo' | 'doing' | 'done';
  /** 1 (Highest) … 5 (Lowest); null when priorities are hidden. */
  readonly priority: number | null;
  readonly reporterId: string | null;
  readonly assigneeId: string | null;
  readonly creatorId: string | null;
  readonly created: number;
  readonly updated: number;
  readonly resolved: number | null;
  readonly statusChanged: number;
  readonly labels: readonly string[];
  readonly components: readonly string[];
  readonly originalEstimateSeconds: number | null;
  /** Sub-task parent. */
  readonly parentKey: string | null;
  /** Epic (Cloud renders it as `parent`, Data Center as the Epic Link field, §2). */
  readonly epicKey: string | null;
  readonly links: readonly StoredLink[];
  /** Custom field values by field id (numbers, strings, string arrays, ADF docs). */
  readonly custom: Readonly<Record<string, unknown>>;
}

/** How a write reached the fake. */
export type WriteVia = 'PUT /rest/api/3/issue' | 'PUT /rest/api/2/issue' | 'bulk';

/** One field changed by an API account. */
export interface JiraWrite {
  issueId: string;
  key: string;
  /** Field id (`customfield_10100`, `labels`, …). */
  field: string;
  from: unknown;
  to: unknown;
  via: WriteVia;
  /** accountId (Cloud) or user name (Data Center). */
  by: string;
  at: number;
  /** Whether watchers were mailed (notifyUsers / sendBulkNotification after permission rules). */
  notified: boolean;
}

/** Changes a human makes in the Jira UI (not through the API, so not in `writes`). */
export interface HumanChanges {
  summary?: string;
  description?: string | null;
  status?: 'todo' | 'doing' | 'done';
  priority?: number | null;
  labels?: string[];
  components?: string[];
  assigneeId?: string | null;
  /** Custom field values by field id or field name (e.g. `{ 'Alignment Score': 40 }`). */
  fields?: Record<string, unknown>;
}
