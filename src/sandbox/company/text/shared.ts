import type { Random } from '../random.js';
import type { Vocabulary } from './template.js';

/**
 * Slots every theme may use: places, numbers, environments, and the generic sentences of the
 * ticket frames. Nothing here names a goal keyword or a product from the tool catalog, so a
 * sentence drawn from here never pulls a ticket towards a goal or a tool.
 */

const pad = (n: number, width: number): string => String(n).padStart(width, '0');
const digits = (rng: Random, count: number): string => {
  let out = '';
  for (let i = 0; i < count; i++) out += String(rng.int(0, 9));
  return out;
};

// prettier-ignore
export const CITIES = [
  'Leeds', 'Bristol', 'Manchester', 'Glasgow', 'Cardiff', 'Dublin', 'Birmingham', 'Nottingham', 'Sheffield',
  'Newcastle', 'Brighton', 'Norwich', 'Aberdeen', 'Belfast', 'York', 'Exeter', 'Leicester', 'Southampton',
  'Liverpool', 'Edinburgh', 'Swansea', 'Plymouth', 'Reading', 'Milton Keynes', 'Cambridge', 'Oxford', 'Derby',
  'Hull', 'Coventry', 'Inverness', 'Bath', 'Chester', 'Carlisle', 'Ipswich', 'Lincoln', 'Stoke',
];

export const SHARED: Vocabulary = {
  city: CITIES,
  storeNo: (r) => pad(r.int(101, 998), 4),
  store: ['the {city} store', 'store {storeNo}', 'the {city} store ({storeNo})', '{city} (store {storeNo})'],
  host: (r) =>
    `${r.pick(['prd', 'stg', 'uat'])}-${r.pick(['web', 'app', 'api', 'batch', 'file', 'mq', 'sql', 'rpt'])}-${pad(r.int(1, 48), 2)}`,
  orderNo: (r) => `ORD-${digits(r, 8)}`,
  sku: (r) => `SKU ${digits(r, 6)}`,
  ticketNo: (r) => `#${digits(r, 5)}`,
  small: (r) => String(r.int(2, 12)),
  // Drawn like `small`, but name a thing (rack 7, wave 9, room 3, release 4.4) rather than
  // measure one: different values are different work.
  rack: (r) => String(r.int(2, 12)),
  wave: (r) => String(r.int(2, 12)),
  room: (r) => String(r.int(2, 12)),
  minor: (r) => String(r.int(2, 12)),
  count: (r) => String(r.int(3, 80)),
  percent: (r) => `${r.int(3, 40)}%`,
  minutes: (r) => String(r.int(2, 45)),
  clock: (r) => `${pad(r.int(6, 21), 2)}:${pad(r.int(0, 11) * 5, 2)}`,
  httpError: [
    'HTTP 500',
    'HTTP 502',
    'HTTP 503',
    'HTTP 504',
    'HTTP 403',
    'HTTP 429',
    'a timeout',
    'HTTP 401',
  ],
  env: ['production', 'staging', 'UAT', 'the test environment'],
  dept: [
    'finance',
    'marketing',
    'legal',
    'merchandising',
    'buying',
    'customer service',
    'HR',
    'the contact centre',
    'trading',
    'the design studio',
  ],
  area: ['North', 'South', 'Midlands', 'Scotland', 'Ireland', 'Wales', 'London', 'South West'],
  month: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'September', 'October', 'November'],
  freeze: [
    'the peak trading freeze',
    'the December change freeze',
    'the summer sale',
    'the Easter trading weekend',
  ],
  since: [
    'since {clock} this morning',
    'since yesterday evening',
    'since the last release',
    'since the weekend',
    'intermittently for the past {small} days',
    'since about {clock}',
    'after the overnight deployment',
  ],
  browser: ['Chrome', 'Safari on iOS', 'Firefox', 'Safari on macOS', 'an Android phone'],
  device: ['laptop', 'desktop PC', 'tablet', 'work phone', 'thin client'],
  reporter: [
    'A colleague in {dept}',
    'The {city} store manager',
    'Several users in {dept}',
    'The duty manager',
    'A user on the {area} area team',
    'The night shift lead',
    'Monitoring',
  ],
  tried: [
    'Restarted the device twice; no change.',
    'Cleared the browser cache and signed in again, same result.',
    'Other users in the same office see the same thing.',
    'It works from home but not on the office network.',
    'First-line checked the known-error list; nothing matching.',
    'A reboot fixed it for about an hour, then it came back.',
    'Screenshots attached.',
  ],
  impactLevel: ['one user', 'a single team', 'one site', 'several sites', 'everyone in {dept}'],
  verbAdd: ['Add', 'Build', 'Implement', 'Introduce', 'Deliver', 'Support', 'Enable', 'Create', 'Provide'],
  release: ['MVP', 'phase 2', 'v2', 'first release', 'follow-up', 'rework'],
  note: [
    'Designs are linked in the team space.',
    'Depends on the API change going live first.',
    'Out of scope: anything that needs a new vendor.',
    'Agreed in the last refinement session; estimate may change after the spike.',
    'Please keep the old behaviour behind a flag until sign-off.',
    'Raised in the retrospective; we keep working around this.',
    'Check with the architects before picking a library.',
    'Needs a short demo to the product owner at the end of the sprint.',
  ],
  taskDetail: [
    'Timebox to {small} days and write up the outcome.',
    'Document the result on the team page.',
    'Pair with someone from {dept} to check the result.',
    'Keep the change small enough to release on its own.',
    'Raise follow-up tickets for anything that does not fit.',
    'Agree the approach with the tech lead before starting.',
  ],
  expected: [
    'Expected: the action completes without an error.',
    'Expected: the page loads in under two seconds.',
    'Expected: the figures match the source system.',
    'Expected: the record is saved and a confirmation is shown.',
  ],
  errorDetail: [
    'The browser console shows {httpError}.',
    'The log on {host} shows an unhandled exception at the same moment.',
    'Correlation id in the screenshot.',
    'The error page says "Something went wrong, please try again".',
    'The API returns {httpError} after about {minutes} seconds.',
  ],
  genericStep: [
    'Sign in as a normal user.',
    'Open the page from the main menu.',
    'Repeat with a second account.',
    'Refresh the page and try again.',
    'Wait a minute and check the result.',
  ],
  plan: [
    'Apply the change to {host} first, check health, then roll to the remaining nodes.',
    'Take a snapshot, apply the change, run the smoke tests, hand back to the service owner.',
    'Drain traffic from the node, apply the change, re-enable and watch the error rate for 30 minutes.',
    'Change is scripted; the script runs from the release pipeline with approval.',
  ],
  backout: [
    'Restore the snapshot taken before the change.',
    'Revert to the previous version through the release pipeline (about {minutes} minutes).',
    'Re-enable the old configuration; no data changes are involved.',
    'Fail back to the standby node.',
  ],
  risk: ['Low', 'Low', 'Medium', 'Medium', 'High'],
  window: [
    'Tuesday 22:00 to 23:30',
    'Wednesday 06:00 to 07:00',
    'Thursday 21:00 to 23:00',
    'Sunday 05:00 to 08:00',
  ],
  needBy: [
    'by the end of the month',
    'by next week',
    'by the start of the quarter',
    'as soon as possible',
    'before {freeze}',
  ],
  requestOpen: [
    'Needed {needBy}.',
    'Approved by the line manager; needed {needBy}.',
    'Raised through the service portal.',
    'Details below.',
  ],
  people: [
    '{small} new starters in {dept}',
    'the {dept} team',
    'two contractors joining {dept}',
    'a colleague moving to {dept}',
  ],
  sponsorLine: [
    'Sponsored by the {dept} leadership team.',
    'Raised after the last quarterly business review.',
    'Part of this year\u2019s plan for {dept}.',
    'Requested by the area managers for {area}.',
  ],
  milestone: [
    'discovery by {month}, build by {~month}, go-live before {freeze}',
    'pilot in {small} sites in {month}, rollout before {freeze}',
    'design sign-off in {month}, first release in {~month}',
  ],
  subtask: [
    'Unit tests for {feature}',
    'API changes for {feature}',
    'UI changes for {feature}',
    'QA sign-off: {feature}',
    'Update the runbook for {feature}',
    'Release notes for {feature}',
    'Tracking events for {feature}',
    'Code review fixes: {feature}',
  ],
  subtaskBody: [
    'Part of the parent story; see its acceptance criteria.',
    'Covers the edge cases found in review.',
    'Needed before the story can be demoed.',
    'Small piece split out so it can be picked up in parallel.',
  ],
};
