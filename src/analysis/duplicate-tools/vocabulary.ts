/**
 * The words the tool detector knows besides the catalog: names that are also ordinary words, the
 * words that say a tool is being acquired or supported or retired, and the software words that
 * make an ordinary word read as a product name. All are matched like catalog names: whole words,
 * ignoring case and punctuation ("can't log in" = "can t log in").
 */

/**
 * Tool names and aliases that are also everyday English words or first names ("Teams", "Box",
 * "Slack", "Monday", "Notion", "Zoom", "Vault", "Front"). They count as a tool only when written
 * capitalised and within {@link CONTEXT_DISTANCE} words of a software word, a word of the
 * capability's name, or another tool; in a label or component, when they are the whole value or
 * stand next to such a word. A multi-word alias ("zoom meeting", "slack channel") is ambiguous
 * only when listed here ("constant contact"), so the catalog uses them to catch lower-case writing. Extend per company with
 * `analysis.duplicateTools.ambiguousNames`.
 */
// prettier-ignore
export const AMBIGUOUS_NAMES: readonly string[] = [
  // meetings, chat, phone, office
  'zoom', 'teams', 'meet', 'hangouts', 'whereby', 'slack', 'element', 'discord', 'outlook',
  // BI, CRM, ITSM, project tracking, files
  'superset', 'remedy', 'snow', 'monday', 'linear', 'planner', 'shortcut', 'drive', 'box',
  // security, identity, secrets, infrastructure
  'keeper', 'defender', 'duo', 'teleport', 'vault', 'doppler', 'nomad', 'rancher', 'harbor', 'nexus', 'mend',
  'renovate', 'wiz', 'tenable', 'puppet', 'chef', 'salt', 'bicep', 'veritas',
  // delivery and operations
  'jenkins', 'travis', 'bamboo', 'harness', 'octopus', 'drone', 'honeycomb', 'subversion', 'elk', 'loki',
  // knowledge, HR, finance, commerce
  'notion', 'guru', 'slab', 'coda', 'workday', 'rippling', 'namely', 'lattice', 'glint', 'gusto', 'concur',
  'ramp', 'sage', 'square', 'sanity', 'ghost',
  // marketing, support, surveys, design, APIs
  'iterable', 'postmark', 'constant contact', 'campaign monitor', 'front', 'intercom', 'gladly', 'tally',
  'sketch', 'framer', 'canvas', 'mermaid', 'mural', 'whimsical', 'insomnia', 'paw', 'postman', 'unleash',
  // data and analytics
  'snowflake', 'fabric', 'synapse', 'starburst', 'stitch', 'airflow', 'glue', 'prefect', 'astronomer',
  'plausible', 'fathom', 'amplitude', 'heap', 'clarity', 'segment', 'census',
  // localization, learning, scheduling, notes
  'phrase', 'lilt', 'cornerstone', 'blackboard', 'teachable', 'bookings', 'doodle', 'acuity', 'obsidian',
];

/** Within how many words of an ambiguous name a software word must stand. */
export const CONTEXT_DISTANCE = 4;

/**
 * Software words: near an ambiguous name they make it a product ("Box license", "Notion
 * workspace", "buy Slack"). The words of each capability's name ("meeting" for Video meetings)
 * join them for that capability's tools. Verbs that take any object ("build", "migrate", "set up",
 * "drive the migration") are left out.
 */
// prettier-ignore
export const CONTEXT_WORDS: readonly string[] = [
  'app', 'apps', 'application', 'applications', 'license', 'licenses', 'licence', 'licences', 'licensing',
  'seat', 'seats', 'subscription', 'subscriptions', 'subscribe', 'account', 'accounts', 'tool', 'tools',
  'tooling', 'platform', 'software', 'saas', 'instance', 'tenant', 'workspace', 'integration',
  'integrations', 'plugin', 'plugins', 'add on', 'addon', 'api', 'sso', 'vendor', 'client', 'desktop',
  'admin', 'login', 'sign in', 'cloud', 'enterprise', 'server', 'self hosted', 'on prem', 'sdk', 'dashboard',
  'dashboards', 'buy', 'buying', 'purchase', 'purchasing', 'procure', 'procurement', 'trial', 'evaluate',
  'evaluating', 'evaluation', 'pilot', 'poc', 'rollout', 'roll out', 'rolling out', 'install', 'installing',
  'deploy', 'deploying', 'sign up', 'signup', 'renew', 'renewal',
];

/**
 * Phrases saying an item acquires a tool: buys, licenses, evaluates, pilots, rolls out, builds,
 * migrates to it. One of these makes an item of any kind but an incident an acquisition, even
 * when it also reports a problem ("install Zoom, the installer shows an error").
 */
// prettier-ignore
export const STRONG_ACQUISITION: readonly string[] = [
  'buy', 'buying', 'purchase', 'purchasing', 'purchased', 'procure', 'procuring', 'procurement', 'license',
  'licenses', 'licence', 'licences', 'licensing', 'seat', 'seats', 'add seats', 'more seats', 'subscribe',
  'subscribing', 'subscription', 'trial', 'free trial', 'evaluate', 'evaluating', 'evaluation', 'poc',
  'proof of concept', 'pilot', 'piloting', 'roll out', 'rolling out', 'rollout', 'deploy', 'deploying',
  'migrate', 'migrating', 'migration', 'move to', 'moving to', 'switch to', 'switching to', 'adopt',
  'adopting', 'adoption', 'set up', 'setting up', 'install', 'installing', 'implement', 'implementing',
  'integrate', 'integrating', 'build', 'building', 'introduce', 'introducing', 'provision', 'provisioning',
  'sign up', 'signup', 'renew', 'renewal', 'rfp', 'rfq', 'vendor selection', 'onboard to', 'onboard onto',
];

/**
 * Phrases that ask for something without saying what is wrong: they make a Jira issue, epic or
 * change an acquisition when no support word is present.
 */
// prettier-ignore
export const WEAK_ACQUISITION: readonly string[] = [
  'need', 'needs', 'needed', 'want', 'wants', 'request', 'requesting', 'requested', 'access to', 'new',
  'integration', 'deployment', 'installation', 'setup', 'implementation', 'onboarding',
];

/** Phrases of a problem with a tool already in use. */
// prettier-ignore
export const SUPPORT: readonly string[] = [
  'error', 'errors', 'crash', 'crashes', 'crashed', 'crashing', 'fail', 'fails', 'failing', 'failed',
  'failure', 'broken', 'bug', 'outage', 'is down', 'went down', 'goes down', 'slow', 'timeout', 'timeouts',
  'timed out', 'freeze', 'freezes', 'frozen', 'hangs', 'not working', 'doesn t work', 'does not work',
  'stopped working', 'won t load', 'won t open', 'doesn t load', 'not loading', 'not syncing', 'unable to',
  'can t', 'cannot', 'locked out', 'password reset', 'reset password', 'reset my password',
  'forgot password', 'access denied', 'permission denied', 'issue with', 'problem with', 'problems with',
  'trouble', 'how do i', 'how to', 'no audio', 'no sound', 'blank screen', 'keeps disconnecting', 'incident',
];

/**
 * Words right before a tool that say it is the one being left ("migrate from Webex to Zoom",
 * "move off Box"). They retire only the tool directly after them: "from" is too common to reach
 * further ("request from marketing: Zoom licenses").
 */
export const RETIRE_NEXT: readonly string[] = ['from', 'off', 'off of', 'away from', 'instead of'];

/** Verbs that retire the next tool within {@link RETIRE_DISTANCE} words ("replace our legacy Webex"). */
// prettier-ignore
export const RETIRE: readonly string[] = [
  'replace', 'replacing', 'decommission', 'decommissioning', 'retire', 'retiring', 'sunset', 'sunsetting',
  'deprecate', 'deprecating', 'remove', 'removing', 'uninstall', 'uninstalling', 'phase out', 'phasing out',
  'cancel', 'cancelling', 'canceling',
];

/** How many words may stand between a retire verb and the tool it retires. */
export const RETIRE_DISTANCE = 2;

/**
 * Words of capability names that say nothing about the capability, or are too common in tickets to
 * vouch for a product name ("work" in "Project and work tracking" would make "Monday … the work" a tool).
 */
// prettier-ignore
export const NAME_STOP_WORDS: ReadonlySet<string> = new Set([
  'and', 'or', 'the', 'of', 'for', 'a', 'an', 'to', 'in', 'on', 'with', 'as', 'by', 'e', 's', 'it',
  'management', 'service', 'services', 'system', 'systems', 'work', 'project', 'data', 'team', 'customer',
  'product', 'business', 'online', 'code', 'source', 'employee', 'content', 'web', 'single', 'sign', 'zero',
  'trust', 'remote', 'access', 'taking', 'note', 'base', 'error', 'incident', 'information', 'development',
  'testing', 'quality', 'processing', 'performance', 'corporate',
]);
