/**
 * The wire client's surface: bearing's own shapes for what Jira answers, so nothing outside wire/ sees
 * jira.js or axios types. Two implementations: Cloud (jira.js 6, REST v3) and Data Center (axios, REST v2).
 */

export type Deployment = 'cloud' | 'datacenter';

/** The API account (GET /myself). */
export interface JiraAccount {
  /** Cloud accountId or Data Center user name. */
  id: string;
  displayName: string;
  email: string | null;
  /** Profile time zone: JQL date literals are read in it (§1.1b). */
  timeZone: string;
}

/** GET /serverInfo. */
export interface JiraServerInfo {
  baseUrl: string;
  version: string;
  /** `Cloud`, `Server` or `DataCenter`. */
  deploymentType: string;
  /** Jira's own clock (epoch ms), when it says. */
  serverTimeMs: number | null;
}

/** One entry of GET /field (§3.3). */
export interface JiraField {
  id: string;
  name: string;
  custom: boolean;
  /** `schema.custom` for custom fields (full type key), `schema.system` otherwise. */
  typeKey: string | null;
}

export interface NewField {
  name: string;
  description: string;
  type: string;
  searcherKey: string;
}

export interface JiraProject {
  id: string;
  key: string;
  name: string;
}

/** A member of a group: ids and e-mail, for the executive lookup. */
export interface JiraMember {
  /** Cloud accountId, or Data Center key and name. */
  ids: string[];
  email: string | null;
}

export interface SearchRequest {
  jql: string;
  fields: string[];
  maxResults: number;
}

/** The raw issues of one search page, unvalidated (the normalizer checks each one). */
export interface TokenPage {
  issues: unknown[];
  /** Absent on the last page (§1.3). */
  nextPageToken: string | undefined;
  /** `isLast` as sent (§1.3: on every page in real traffic); undefined when the answer left it out. */
  isLast: boolean | undefined;
}

export interface OffsetPage {
  issues: unknown[];
  startAt: number;
  /** The effective page size the server used (§1.5: page with it, not with the one asked for). */
  maxResults: number;
  total: number;
}

/** What every Jira deployment offers bearing. */
export interface JiraWire {
  readonly deployment: Deployment;
  myself(): Promise<JiraAccount>;
  serverInfo(): Promise<JiraServerInfo>;
  fields(): Promise<JiraField[]>;
  createField(field: NewField): Promise<JiraField>;
  /** Screens a field is on; undefined when the deployment or the account cannot tell. */
  fieldScreens(fieldId: string): Promise<string[] | undefined>;
  /** Projects by key (Cloud: looked up with `keys=`), or every visible project when `keys` is absent. */
  projects(keys?: readonly string[]): Promise<JiraProject[]>;
  /** Every member of a group (paged inside); undefined when the group does not exist. */
  groupMembers(group: string): Promise<JiraMember[] | undefined>;
  /** Keys of the first page of a search (ids and keys only, the largest page size). */
  searchKeys(jql: string): Promise<string[]>;
  /** PUT /issue/{id}: sets fields; `notify: false` asks Jira not to mail watchers. */
  editIssue(issueId: string, fields: Record<string, unknown>, notify: boolean): Promise<void>;
}

/** A bulk edit's progress (§10.1). */
export interface BulkProgress {
  status: string;
  /** Numeric issue ids, as strings. */
  processed: string[];
  /** Issue id → reasons. */
  failed: Record<string, string[]>;
  progressPercent?: number;
  /** The site's clock, epoch ms: submitted, started, last changed (the end, once done). */
  created?: number;
  started?: number;
  updated?: number;
}

/** One field edit for every selected issue (§10.1 `editedFieldsInput`). */
export type BulkFieldEdit =
  | { kind: 'number'; fieldId: string; value: number }
  | { kind: 'text'; fieldId: string; text: string }
  | { kind: 'labels'; fieldId: string; labels: string[] };

export interface CloudWire extends JiraWire {
  readonly deployment: 'cloud';
  /** POST /rest/api/3/search/jql (the enhanced search, §1.2). */
  searchPage(request: SearchRequest & { nextPageToken?: string }): Promise<TokenPage>;
  /**
   * POST /rest/api/3/issue/bulkfetch (§10.1): the live issues, not the lagging search view; raw and
   * unvalidated. Ids that match nothing are left out.
   */
  bulkFetch(issueIds: readonly string[], fields: readonly string[]): Promise<unknown[]>;
  /** POST /rest/api/3/bulk/issues/fields → task id. */
  submitBulkEdit(issueIds: readonly string[], edit: BulkFieldEdit, notify: boolean): Promise<string>;
  bulkProgress(taskId: string): Promise<BulkProgress>;
}

export interface DataCenterWire extends JiraWire {
  readonly deployment: 'datacenter';
  /** GET /rest/api/2/search with startAt paging (§1.5). */
  searchOffset(request: SearchRequest & { startAt: number }): Promise<OffsetPage>;
}

export type AnyWire = CloudWire | DataCenterWire;
