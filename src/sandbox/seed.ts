/**
 * The neutral form of a demo company: what the generator produces and what both fakes load.
 * Each fake turns a seed ticket into its own wire shape (ADF or wiki markup for Jira, HTML and
 * display values for ServiceNow), so the generator knows nothing of either API.
 */

export interface SeedPerson {
  /** Stable id inside the seed (`p0042`). */
  id: string;
  name: string;
  /** May be absent: some Jira users hide their e-mail. */
  email: string | null;
  title: string;
  department: string;
  /** ServiceNow vip flag. */
  vip: boolean;
  /** Whether the company's leadership counts this person as an executive (ground truth). */
  isExecutive: boolean;
  /** Jira accountId (Cloud). */
  jiraAccountId: string;
  /** ServiceNow sys_user sys_id (32 hex chars). */
  snSysId: string;
  /** Jira groups the person belongs to (e.g. `leadership`). */
  jiraGroups: string[];
}

export type SeedJiraType = 'Epic' | 'Story' | 'Task' | 'Bug' | 'Sub-task';
export type SeedSnTable = 'incident' | 'sc_req_item' | 'change_request' | 'pm_project' | 'dmn_demand';

interface SeedTicketBase {
  title: string;
  /** Plain text with paragraphs separated by blank lines; fakes render it as ADF / wiki / HTML. */
  description: string;
  /** Priority 1 (highest) … 5. */
  priority: number;
  status: 'todo' | 'doing' | 'done';
  requesterId: string;
  assigneeId: string | null;
  /** Epoch ms. */
  created: number;
  updated: number;
  resolved: number | null;
}

export interface SeedJiraTicket extends SeedTicketBase {
  system: 'jira';
  /** Numeric issue id as a string, unique across the site. */
  id: string;
  key: string;
  project: string;
  issueType: SeedJiraType;
  labels: string[];
  components: string[];
  storyPoints: number | null;
  /** Original estimate in seconds, when the team estimates in time instead of points. */
  originalEstimateSeconds: number | null;
  epicKey: string | null;
  parentKey: string | null;
  /** Keys of issues this one is linked to as a duplicate (issue link type "Duplicate"). */
  duplicateOf: string[];
}

export interface SeedSnTicket extends SeedTicketBase {
  system: 'servicenow';
  sysId: string;
  number: string;
  table: SeedSnTable;
  assignmentGroup: string;
  category: string | null;
  businessService: string | null;
  /** 1 high … 3 low. */
  impact: number;
  urgency: number;
  /** Hours worked (incidents, requests, changes) or effort (projects, demands). */
  hours: number | null;
  /** Parent number: request for an item, demand for a project. */
  parentNumber: string | null;
}

export type SeedTicket = SeedJiraTicket | SeedSnTicket;

/** What the generator planted, for measuring bearing against. */
export interface GroundTruth {
  /** ref → goal id / `run` / `none` the ticket was written for, and whether explicit evidence exists. */
  goals: Record<string, { goal: string; evidence: 'explicit' | 'inherited' | 'text' | 'none' }>;
  duplicateTools: { capability: string; tools: string[]; items: string[] }[];
  duplicateWork: { items: [string, string] }[];
  misaligned: string[];
  requestPressure: { team: string; items: string[]; waiting: string[] }[];
}
