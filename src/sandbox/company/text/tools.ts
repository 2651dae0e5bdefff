import type { Vocabulary } from './template.js';

/**
 * The tools the demo company's teams ask for, named as the shipped catalog (config/tools.yaml)
 * names them, with the catalog's standard where it has one: a ground truth that follows the
 * design's definition needs to know which tool is the standard.
 */
export interface ToolCapability {
  /** Capability id in the catalog. */
  id: string;
  tools: readonly string[];
  standard: string | null;
  /** Why a team wants a tool of this capability (one sentence, no goal keywords). */
  need: readonly string[];
  /** A support problem with `{tool}` (an incident, never an acquisition). */
  problem: readonly string[];
}

export const TOOL_CAPABILITIES: readonly ToolCapability[] = [
  {
    id: 'video-meetings',
    tools: ['Zoom', 'Webex', 'Microsoft Teams'],
    standard: 'Zoom',
    need: [
      'We run video calls with agencies and stores every day and the current setup keeps failing.',
      'The team needs webinars for up to 500 attendees.',
      'Meeting rooms need one-touch video join.',
    ],
    problem: [
      '{tool} client crashes on login',
      'audio drops in {tool} calls from the {city} office',
      '{tool} desktop app will not share the screen',
    ],
  },
  {
    id: 'team-chat',
    tools: ['Slack', 'Mattermost'],
    standard: 'Slack',
    need: [
      'Team conversations are scattered across e-mail threads.',
      'We need persistent channels with the agency working on our campaigns.',
      'On-call engineers want a chat channel per incident.',
    ],
    problem: [
      '{tool} app notifications stopped on the work phone',
      '{tool} app shows messages twice after the update',
    ],
  },
  {
    id: 'bi-dashboards',
    tools: ['Tableau', 'Power BI', 'Looker'],
    standard: null,
    need: [
      'The team wants dashboards they can change themselves instead of monthly spreadsheets.',
      'Area managers need a weekly dashboard they can open on a tablet.',
      'Finance wants self-service reporting over the data platform.',
    ],
    problem: ['{tool} dashboard for {dept} not refreshing', '{tool} report export fails with a timeout'],
  },
  {
    id: 'crm',
    tools: ['Salesforce', 'HubSpot CRM'],
    standard: null,
    need: [
      'The business sales team tracks leads for corporate gift orders in spreadsheets.',
      'Account managers for trade customers need a shared pipeline view.',
    ],
    problem: [
      '{tool} page loads slowly for the business sales team',
      '{tool} sign-in loops back to the start page',
    ],
  },
  {
    id: 'project-tracking',
    tools: ['Asana', 'Trello', 'Monday.com'],
    standard: 'Jira',
    need: [
      'The team wants a simple board to track its own work.',
      'The refit programme needs a shared plan across stores and contractors.',
      'Marketing wants to track content production in one place.',
    ],
    problem: ['{tool} board not loading for the {dept} team', '{tool} notifications arrive hours late'],
  },
  {
    id: 'file-sharing',
    tools: ['Dropbox', 'Box', 'Google Drive'],
    standard: null,
    need: [
      'External agencies need to exchange large image files with us.',
      'The design studio shares artwork with printers outside the company.',
      'Contractors need a shared folder they can reach without a VPN.',
    ],
    problem: ['{tool} sync stuck on a laptop in {dept}', '{tool} desktop client keeps asking to sign in'],
  },
  {
    id: 'observability',
    tools: ['Datadog', 'New Relic', 'Grafana'],
    standard: null,
    need: [
      'We find out about outages from customers instead of alerts.',
      'The team needs response-time graphs for its services.',
      'On-call engineers want one place for metrics and traces.',
    ],
    problem: ['{tool} agent using high CPU on {host}', '{tool} alerts not reaching the on-call engineer'],
  },
  {
    id: 'ci-cd',
    tools: ['Jenkins', 'GitHub Actions', 'GitLab CI'],
    standard: 'GitHub Actions',
    need: [
      'Builds are still run by hand from a developer laptop.',
      'The team wants automatic deployments to the test environment.',
      'Release builds take an afternoon and often fail halfway.',
    ],
    problem: ['{tool} build agent out of disk', '{tool} pipeline stuck in the queue for hours'],
  },
  {
    id: 'e-signature',
    tools: ['DocuSign'],
    standard: null,
    need: [
      'Contracts with agencies are still printed, signed and scanned.',
      'Store leases and contractor agreements need signatures from several people.',
    ],
    problem: ['{tool} envelope stuck in "sent" for a contract from {dept}'],
  },
  {
    id: 'password-management',
    tools: ['1Password'],
    standard: '1Password',
    need: [
      'The team shares admin passwords in a spreadsheet.',
      'Shared logins for agency portals are sent around by e-mail.',
    ],
    problem: ['{tool} browser extension not filling in sign-in forms'],
  },
];

/**
 * Names that a catalog matcher reads as a tool only next to a software word: written so that
 * every acquisition sentence has one ("Box licences", "Jenkins server").
 */
const DISPLAY: Readonly<Record<string, string>> = {
  Box: 'Box Enterprise',
  Jenkins: 'a Jenkins server',
  Slack: 'a Slack workspace',
};

export const toolDisplayName = (tool: string): string => DISPLAY[tool] ?? tool;

/** Acquisition wording by ticket shape; `{tool}` is the display name, `{need}` the capability's need. */
export const ADOPTION: Vocabulary = {
  requestTitle: [
    '{tool} licences for {people}',
    '{small} {tool} seats for the {dept} team',
    'purchase {tool} for {dept}',
    'new {tool} subscription for {dept}',
  ],
  issueTitle: [
    'roll out {tool} to the {dept} team',
    'set up {tool} for our team',
    'integrate {tool} with single sign-on',
    'evaluate {tool} for the team',
    'move the team onto {tool}',
  ],
  demandTitle: [
    'buy {tool} for {dept}',
    'business case: {tool} for {dept}',
    '{tool} subscription for {dept}',
  ],
  changeTitle: ['deploy {tool} for the {dept} team', 'install {tool} on the team\u2019s machines'],
  projectTitle: ['{tool} rollout for {dept}', '{tool} adoption in {dept}'],
  why: [
    '{need} We would like {tool} because several people used it in previous jobs.',
    '{need} {tool} looked like the best fit after a short trial.',
    '{need} Please arrange {tool} for about {count} people.',
    '{need} A quote for {tool} is attached.',
  ],
};
