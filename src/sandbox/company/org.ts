/**
 * The shape of the demo company, Acme Retail: its goals and the names of everything tickets are
 * filed under. Goal ids, projects, groups and services follow config/goals.yaml, so the demo reads
 * like the shipped example; keywords are chosen so that no two goals share one and the company's
 * unaligned work mentions none.
 */

export const GOAL_IDS = [
  'digital-revenue',
  'store-modernisation',
  'supply-chain',
  'customer-360',
  'data-centre-exit',
] as const;
export type GoalKey = (typeof GOAL_IDS)[number];

export interface GoalSpec {
  id: GoalKey;
  name: string;
  /** Title of the executive who sponsors the goal (found among the generated people). */
  sponsorTitle: string;
  rank: number;
  target: number;
  keywords: string[];
  jira: { projects: string[]; labels: string[]; components: string[] };
  servicenow: { businessServices: string[]; assignmentGroups: string[] };
  /** An epic opened before the period in a project not mapped to the goal, named in the goal's rules. */
  anchorEpic: { project: JiraProjectKey; title: string };
}

export const GOAL_SPECS: readonly GoalSpec[] = [
  {
    id: 'digital-revenue',
    name: 'Grow digital revenue',
    sponsorTitle: 'Chief Financial Officer',
    rank: 1,
    target: 0.28,
    keywords: [
      'checkout',
      'payment',
      'payments',
      'conversion',
      'storefront',
      'basket',
      'promotion',
      'promotions',
      'pricing',
    ],
    jira: { projects: ['SHOP'], labels: ['revenue'], components: ['Checkout'] },
    servicenow: { businessServices: ['Online Store'], assignmentGroups: ['Web Commerce'] },
    anchorEpic: { project: 'DATA', title: 'Conversion analytics for the online store' },
  },
  {
    id: 'store-modernisation',
    name: 'Modernise store operations',
    sponsorTitle: 'Chief Operating Officer',
    rank: 2,
    target: 0.16,
    keywords: ['pos', 'till', 'tills', 'kiosk', 'kiosks', 'handheld', 'handhelds', 'planogram', 'footfall'],
    jira: { projects: ['STORE'], labels: ['stores'], components: ['Store Network'] },
    servicenow: { businessServices: ['Point of Sale'], assignmentGroups: ['Store Systems'] },
    anchorEpic: { project: 'OPS', title: 'Store network refresh, phase 2' },
  },
  {
    id: 'supply-chain',
    name: 'Faster, cheaper fulfilment',
    sponsorTitle: 'VP Supply Chain',
    rank: 3,
    target: 0.1,
    keywords: [
      'warehouse',
      'fulfilment',
      'replenishment',
      'inventory',
      'forecasting',
      'supplier',
      'suppliers',
      'carrier',
      'carriers',
      'logistics',
    ],
    jira: { projects: ['SCM'], labels: ['fulfilment'], components: ['Replenishment'] },
    servicenow: { businessServices: ['Warehouse Management'], assignmentGroups: ['Supply Chain Apps'] },
    anchorEpic: { project: 'DATA', title: 'Demand forecasting model, version 2' },
  },
  {
    id: 'customer-360',
    name: 'Know our customers',
    sponsorTitle: 'Chief Marketing Officer',
    rank: 4,
    target: 0.08,
    keywords: [
      'loyalty',
      'personalisation',
      'personalised',
      'segmentation',
      'consent',
      'newsletter',
      'rewards',
    ],
    jira: { projects: ['CRM'], labels: ['loyalty'], components: ['Customer Data'] },
    servicenow: { businessServices: ['Loyalty Programme'], assignmentGroups: ['CRM Team'] },
    anchorEpic: { project: 'DATA', title: 'Single customer view in the data platform' },
  },
  {
    id: 'data-centre-exit',
    name: 'Leave the data centre by end of 2027',
    sponsorTitle: 'Chief Information Officer',
    rank: 5,
    target: 0.07,
    keywords: [
      'data centre',
      'decommission',
      'decommissioning',
      'rehost',
      'rehosting',
      'replatform',
      'colocation',
      'landing zone',
    ],
    jira: { projects: [], labels: ['migration'], components: ['Cloud Migration'] },
    servicenow: { businessServices: [], assignmentGroups: ['Cloud Platform'] },
    anchorEpic: { project: 'OPS', title: 'Data centre exit, wave 3 workloads' },
  },
];

export const RUN_TARGET = 0.27;
export const RUN_LABELS = ['security', 'compliance', 'patching'] as const;
export const RUN_CATEGORIES = ['security', 'compliance', 'patching'] as const;
export type RunLabel = (typeof RUN_LABELS)[number];

export const JIRA_PROJECTS = [
  { key: 'SHOP', name: 'Online Store', components: ['Checkout', 'Storefront', 'Search', 'Payments'] },
  { key: 'STORE', name: 'Store Systems', components: ['Tills', 'Store Devices', 'Store Apps'] },
  { key: 'SCM', name: 'Supply Chain', components: ['Warehouse', 'Transport', 'Supplier Portal'] },
  { key: 'CRM', name: 'Customer & Loyalty', components: ['Loyalty App', 'Campaign Tools'] },
  {
    key: 'OPS',
    name: 'IT Operations',
    components: ['Network', 'Servers', 'Identity', 'Monitoring', 'Store Network', 'Cloud Migration'],
  },
  {
    key: 'DATA',
    name: 'Data & Analytics',
    components: ['Reporting', 'Data Platform', 'Pipelines', 'Customer Data', 'Replenishment', 'Checkout'],
  },
] as const;
export type JiraProjectKey = (typeof JIRA_PROJECTS)[number]['key'];

export const ASSIGNMENT_GROUPS = [
  'Service Desk',
  'End User Computing',
  'Network Operations',
  'Database Administration',
  'IT Security',
  'Enterprise Applications',
  'Cloud Platform',
  'Web Commerce',
  'Store Systems',
  'Supply Chain Apps',
  'CRM Team',
] as const;
export type AssignmentGroup = (typeof ASSIGNMENT_GROUPS)[number];

/** Services tied to no goal, for items that must carry one without taking a goal from it. */
export const NEUTRAL_SERVICES = [
  'Email',
  'Corporate Network',
  'Finance Systems',
  'Identity and Access',
  'Data Platform',
  'HR Systems',
] as const;

export const goalSpec = (id: GoalKey): GoalSpec => GOAL_SPECS.find((g) => g.id === id)!;

/** The goal a Jira project, assignment group or business service is mapped to, if any. */
export function goalOfProject(project: string): GoalKey | null {
  return GOAL_SPECS.find((g) => g.jira.projects.includes(project))?.id ?? null;
}
export function goalOfGroup(group: string): GoalKey | null {
  return GOAL_SPECS.find((g) => g.servicenow.assignmentGroups.includes(group))?.id ?? null;
}
