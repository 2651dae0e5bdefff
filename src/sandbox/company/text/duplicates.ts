import type { SeedJiraType, SeedSnTable } from '../../seed.js';
import type { GoalKey, JiraProjectKey, AssignmentGroup } from '../org.js';
import { CITIES } from './shared.js';

/**
 * Pieces of work two teams describe in their own words: each topic has phrasings of the same
 * work (duplicates of each other) and a near miss (the same thing, different work). The entity
 * (store, host, supplier…) comes from the occurrence number, so two occurrences of a topic never
 * name the same entity until the topic's entity space runs out.
 */
export interface Phrasing {
  title: string;
  description: string;
}

export interface JiraPlacement {
  project: JiraProjectKey;
  type: Exclude<SeedJiraType, 'Epic' | 'Sub-task'>;
  labels?: string[];
  components?: string[];
}

export interface SnPlacement {
  table: Exclude<SeedSnTable, 'pm_project'>;
  group: AssignmentGroup;
  service?: string;
  category?: string;
}

export interface WorkTopic {
  id: string;
  /** The goal the work serves when nothing explicit says so (its text carries the goal's keywords). */
  goal: GoalKey | null;
  /** Distinct entities before two occurrences name the same one. */
  entities: number;
  entity(occurrence: number): Record<string, string>;
  same: readonly Phrasing[];
  near: Phrasing;
  jira: readonly JiraPlacement[];
  sn: readonly SnPlacement[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

// Each maps occurrence j to a distinct value for j below its count (the multipliers are coprime
// with the range), scattered so neighbouring occurrences do not look alike.
const storeOf = (j: number): Record<string, string> => ({
  storeNo: pad(101 + ((j * 389) % 898), 4),
  city: CITIES[(j * 7) % CITIES.length]!,
});
const ROLES = ['web', 'app', 'api', 'batch', 'file', 'mq', 'sql', 'rpt'];
const hostOf = (j: number): string => {
  const k = (j * 541) % 1152;
  return `${['prd', 'stg', 'uat'][k % 3]}-${ROLES[Math.floor(k / 3) % 8]}-${pad(1 + Math.floor(k / 24), 2)}`;
};
const CODES = [
  'SPRING',
  'SUMMER',
  'FLASH',
  'WELCOME',
  'STUDENT',
  'WINTER',
  'EXTRA',
  'WEEKEND',
  'VIP',
  'FAMILY',
  'GARDEN',
  'HOME',
];
const codeOf = (j: number): string => {
  const k = (j * 373) % 1080;
  return `${CODES[k % 12]}${10 + Math.floor(k / 12)}`;
};
const skuOf = (j: number): string => `SKU ${100000 + ((j * 7919) % 900000)}`;
const numberOf = (j: number, base: number, range: number, step: number): string =>
  String(base + ((j * step) % range));
// prettier-ignore
const STARTERS_FIRST = ['Alex', 'Sam', 'Jordan', 'Taylor', 'Casey', 'Robin', 'Morgan', 'Jamie', 'Charlie', 'Avery', 'Riley', 'Quinn', 'Rowan', 'Sasha', 'Kai', 'Ellis', 'Harper', 'Reese', 'Toby', 'Nadia', 'Omar', 'Lena', 'Pavel', 'Ines', 'Yara', 'Hugo', 'Maya', 'Felix', 'Asha', 'Leon'];
// prettier-ignore
const STARTERS_LAST = ['Abbott', 'Barker', 'Carver', 'Dixon', 'Ellison', 'Foster', 'Gill', 'Hussain', 'Ingram', 'Joshi', 'Kerr', 'Lowe', 'Marsh', 'Noble', 'Osei', 'Price', 'Quinn', 'Rahman', 'Shaw', 'Tran', 'Usman', 'Vaughan', 'Walsh', 'Yates', 'Zielinski', 'Bishop', 'Coleman', 'Duffy', 'Ewing', 'Fry', 'Gordon', 'Hale', 'Irwin', 'Jacobs', 'Kaur', 'Lamb'];
const starterOf = (j: number): string => {
  const k = (j * 617) % 1080;
  return `${STARTERS_FIRST[k % 30]} ${STARTERS_LAST[Math.floor(k / 30) % 36]}`;
};
const DEPTS = [
  'finance',
  'marketing',
  'legal',
  'merchandising',
  'buying',
  'customer service',
  'HR',
  'trading',
];

export const WORK_TOPICS: readonly WorkTopic[] = [
  {
    id: 'promo-code',
    goal: 'digital-revenue',
    entities: 1080,
    entity: (j) => ({ code: codeOf(j) }),
    same: [
      {
        title: 'Promotion code {code} not applied to sale items at checkout',
        description:
          'Customers report that the code {code} is rejected at checkout when the basket holds reduced items. Trading expected it to work across the whole range.',
      },
      {
        title: 'Checkout rejects discount code {code} for reduced products',
        description:
          'Since the weekend the code {code} fails in checkout as soon as any reduced product is in the basket. Marketing launched {code} for all products, so customers are complaining.\n\nPlease fix before the promotion email goes out again.',
      },
      {
        title: '{code} voucher fails in the basket for sale lines',
        description:
          'The {code} promotion is not applied when the basket contains sale lines. Customers get "code not valid".',
      },
    ],
    near: {
      title: 'Set up promotion code {code} for the next sale',
      description:
        'Trading need a new promotion code {code}, 20% off selected lines, valid for one week. Please set it up in the promotions engine.',
    },
    jira: [
      { project: 'SHOP', type: 'Bug' },
      { project: 'DATA', type: 'Task', labels: ['revenue'] },
    ],
    sn: [
      { table: 'incident', group: 'Web Commerce', service: 'Online Store', category: 'software' },
      { table: 'sc_req_item', group: 'Service Desk', service: 'Online Store', category: 'software' },
    ],
  },
  {
    id: 'online-price',
    goal: 'digital-revenue',
    entities: 900000,
    entity: (j) => ({ sku: skuOf(j) }),
    same: [
      {
        title: 'Wrong online price for {sku}',
        description:
          'The storefront shows the old price for {sku}. The pricing feed should have updated it last night.',
      },
      {
        title: '{sku} cheaper on the website than in stores - stale pricing feed?',
        description:
          'A customer complained that {sku} costs less online than on the shelf. It looks like the website never picked up the latest pricing feed for this product.\n\nCan someone check the overnight pricing job?',
      },
    ],
    near: {
      title: 'Change the online price of {sku} for the clearance event',
      description:
        'Trading want {sku} reduced on the storefront for the clearance event next week. Please update the pricing rule.',
    },
    jira: [{ project: 'SHOP', type: 'Bug' }],
    sn: [
      { table: 'incident', group: 'Web Commerce', service: 'Online Store', category: 'software' },
      { table: 'sc_req_item', group: 'Web Commerce', category: 'software' },
    ],
  },
  {
    id: 'till-freeze',
    goal: 'store-modernisation',
    entities: 898,
    entity: (j) => ({ ...storeOf(j), till: String(1 + (j % 9)) }),
    same: [
      {
        title: 'Till {till} at store {storeNo} freezes during card transactions',
        description:
          'Till {till} at store {storeNo} ({city}) freezes whenever a customer pays by card. It needs a restart every time.',
      },
      {
        title: 'Store {storeNo} {city}: till {till} locks up when customers pay by card',
        description:
          'The {city} store says till {till} hangs on card payments and colleagues have to power-cycle it. Queues are building at weekends.\n\nOther tills at store {storeNo} are fine.',
      },
    ],
    near: {
      title: 'Add a second card terminal to till {till} at store {storeNo}',
      description:
        'Store {storeNo} ({city}) wants a second card terminal on till {till} for the refit layout.',
    },
    jira: [{ project: 'STORE', type: 'Bug' }],
    sn: [
      { table: 'incident', group: 'Store Systems', service: 'Point of Sale', category: 'hardware' },
      { table: 'incident', group: 'Service Desk', service: 'Point of Sale', category: 'hardware' },
    ],
  },
  {
    id: 'stockroom-wifi',
    goal: 'store-modernisation',
    entities: 898,
    entity: storeOf,
    same: [
      {
        title: 'Handhelds at store {storeNo} lose Wi-Fi in the stockroom',
        description:
          'Store {storeNo} ({city}) reports the handhelds drop off the network in the stockroom, so gap scans fail.',
      },
      {
        title: '{city} store {storeNo}: no wireless coverage in the stockroom for handheld scanning',
        description:
          'Colleagues at {city} cannot use their handhelds in the stockroom because there is no wireless signal there. They walk back to the shop floor to sync.\n\nAsk: extend the access points into the stockroom.',
      },
    ],
    near: {
      title: 'Survey Wi-Fi for the new café area at store {storeNo}',
      description:
        'Store {storeNo} ({city}) is adding a café; please survey guest Wi-Fi coverage before it opens.',
    },
    jira: [
      { project: 'STORE', type: 'Task' },
      { project: 'OPS', type: 'Task', components: ['Store Network'] },
    ],
    sn: [
      { table: 'sc_req_item', group: 'Network Operations', service: 'Point of Sale', category: 'network' },
      { table: 'incident', group: 'Network Operations', category: 'network' },
    ],
  },
  {
    id: 'kiosk-install',
    goal: 'store-modernisation',
    entities: 898,
    entity: storeOf,
    same: [
      {
        title: 'Install a self-scan kiosk at store {storeNo}',
        description:
          'Store {storeNo} ({city}) is in the next kiosk batch. Please install and commission the self-scan kiosk.',
      },
      {
        title: 'Store {storeNo} needs its self-scan kiosk fitted before reopening',
        description:
          'The {city} store reopens after its refit and is still missing the self-scan kiosk that was promised. Can we get it fitted and tested before the reopening?',
      },
    ],
    near: {
      title: 'Remove the old photo kiosk from store {storeNo}',
      description:
        'The photo kiosk at store {storeNo} ({city}) is end of life; please remove it and collect the hardware.',
    },
    jira: [{ project: 'STORE', type: 'Story' }],
    sn: [
      { table: 'sc_req_item', group: 'Store Systems', service: 'Point of Sale', category: 'hardware' },
      { table: 'change_request', group: 'Store Systems', service: 'Point of Sale', category: 'hardware' },
    ],
  },
  {
    id: 'asn-import',
    goal: 'supply-chain',
    entities: 9000,
    entity: (j) => ({
      supplier: `SUP-${numberOf(j, 1000, 9000, 4133)}`,
      city: CITIES[(j * 5) % CITIES.length]!,
    }),
    same: [
      {
        title: 'Shipping notices from supplier {supplier} fail to import into the warehouse system',
        description:
          'Advance shipping notices from {supplier} are rejected by the warehouse management system, so the {city} warehouse cannot receive their deliveries.',
      },
      {
        title: '{city} warehouse cannot receive deliveries from {supplier}: ASNs rejected',
        description:
          'Every delivery from supplier {supplier} arrives with no matching notice because the import rejects their files. Goods-in is booking them in by hand.\n\nThe supplier says nothing changed on their side.',
      },
    ],
    near: {
      title: 'Onboard supplier {supplier} to the supplier portal',
      description:
        'Buying has signed {supplier}; please create their supplier portal login and set up delivery booking to the {city} warehouse.',
    },
    jira: [
      { project: 'SCM', type: 'Bug' },
      { project: 'DATA', type: 'Bug', components: ['Replenishment'] },
    ],
    sn: [
      {
        table: 'incident',
        group: 'Supply Chain Apps',
        service: 'Warehouse Management',
        category: 'software',
      },
      { table: 'sc_req_item', group: 'Supply Chain Apps', category: 'software' },
    ],
  },
  {
    id: 'label-printer',
    goal: 'supply-chain',
    entities: 9000,
    entity: (j) => ({
      printer: `LP-${numberOf(j, 1000, 9000, 2671)}`,
      city: CITIES[(j * 11) % CITIES.length]!,
    }),
    same: [
      {
        title: 'Label printer {printer} at the {city} warehouse prints carrier labels off-centre',
        description: 'Carrier labels from {printer} are shifted to the left and the barcodes get cut off.',
      },
      {
        title: 'Carrier labels from printer {printer} are misaligned - {city} warehouse cannot scan them',
        description:
          'The carriers reject parcels from the {city} warehouse because the label barcode is partly missing. All of them come from printer {printer}.\n\nRecalibration did not help.',
      },
    ],
    near: {
      title: 'Add a second label printer next to {printer} at the {city} warehouse',
      description:
        'Peak volumes at the {city} warehouse need a second printer on the packing bench beside {printer}.',
    },
    jira: [{ project: 'SCM', type: 'Bug' }],
    sn: [
      {
        table: 'incident',
        group: 'Supply Chain Apps',
        service: 'Warehouse Management',
        category: 'hardware',
      },
      { table: 'incident', group: 'End User Computing', category: 'hardware' },
    ],
  },
  {
    id: 'member-points',
    goal: 'customer-360',
    entities: 9000000,
    entity: (j) => ({ member: numberOf(j, 40000000, 9000000, 100003) }),
    same: [
      {
        title: 'Loyalty member {member} missing points for a store purchase',
        description:
          'Member {member} shopped in store last week and no loyalty points appeared on the account.',
      },
      {
        title: 'Customer {member} says rewards points from a store receipt never arrived',
        description:
          'The customer called the contact centre: the receipt from their store visit was never credited to loyalty account {member}. They have the receipt.\n\nPlease credit the points and check why matching failed.',
      },
    ],
    near: {
      title: 'Close the loyalty account of member {member} on request',
      description: 'Member {member} asked us to close their loyalty account and delete their data.',
    },
    jira: [{ project: 'CRM', type: 'Bug' }],
    sn: [
      { table: 'incident', group: 'CRM Team', service: 'Loyalty Programme', category: 'software' },
      { table: 'sc_req_item', group: 'Service Desk', service: 'Loyalty Programme', category: 'inquiry' },
    ],
  },
  {
    id: 'segment-export',
    goal: 'customer-360',
    entities: 9000,
    entity: (j) => ({ segment: `SEG-${numberOf(j, 1000, 9000, 5801)}` }),
    same: [
      {
        title: 'Export segment {segment} for the next newsletter',
        description: 'Marketing needs the member list of segment {segment} for the next newsletter send.',
      },
      {
        title: 'Need the members of {segment} for the newsletter send',
        description:
          'For the newsletter going out next week, please pull the members of segmentation {segment} with their consent flags. The file goes to the e-mail team.',
      },
    ],
    near: {
      title: 'Delete segment {segment}, it is no longer used',
      description: 'Segment {segment} was built for an old newsletter and can be removed.',
    },
    jira: [{ project: 'CRM', type: 'Task' }],
    sn: [{ table: 'sc_req_item', group: 'CRM Team', category: 'software' }],
  },
  {
    id: 'server-decommission',
    goal: 'data-centre-exit',
    entities: 1152,
    entity: (j) => ({ host: hostOf(j) }),
    same: [
      {
        title: 'Decommission {host} after the rehost to the landing zone',
        description: '{host} was rehosted last month. Remove it from the data centre and wipe its disks.',
      },
      {
        title: '{host} no longer needed after rehosting - switch off and remove from the data centre',
        description:
          'Since the rehosting, {host} only serves health checks. Please power it down, take it out of the rack and update the CMDB.\n\nThe application owner has agreed.',
      },
    ],
    near: {
      title: 'Rehost {host} to the landing zone',
      description:
        '{host} is in the next wave; plan the rehosting and the cut-over with the application owner.',
    },
    jira: [{ project: 'OPS', type: 'Task', labels: ['migration'] }],
    sn: [{ table: 'change_request', group: 'Cloud Platform', category: 'hardware' }],
  },
  {
    id: 'landing-zone-firewall',
    goal: 'data-centre-exit',
    entities: 1152,
    entity: (j) => ({ host: hostOf(j), port: String([443, 1433, 5432, 8443, 22, 389, 636, 9092][j % 8]) }),
    same: [
      {
        title: 'Open the firewall from {host} to the landing zone on port {port}',
        description: '{host} needs to reach the new landing zone on port {port} for the cut-over.',
      },
      {
        title: '{host} cannot reach the landing zone on {port} - needs a firewall rule',
        description:
          'Connection tests from {host} to the landing zone time out on port {port}. The data centre firewall is dropping it.\n\nNeeded before the rehosting weekend.',
      },
    ],
    near: {
      title: 'Close port {port} on {host} after the cut-over',
      description:
        'Once {host} is rehosted, the port {port} rule to the landing zone must be removed from the data centre firewall.',
    },
    jira: [{ project: 'OPS', type: 'Task', components: ['Cloud Migration'] }],
    sn: [
      { table: 'sc_req_item', group: 'Network Operations', category: 'network' },
      { table: 'change_request', group: 'Cloud Platform', category: 'network' },
    ],
  },
  {
    id: 'new-starter-laptop',
    goal: null,
    entities: 1080,
    entity: (j) => ({ starter: starterOf(j), dept: DEPTS[j % DEPTS.length]! }),
    same: [
      {
        title: 'New laptop for {starter} starting in {dept}',
        description: '{starter} joins {dept} soon and needs a laptop with the standard build.',
      },
      {
        title: 'Please set up a laptop and logins for new joiner {starter} ({dept})',
        description:
          'We have a new joiner, {starter}, in the {dept} team. Can IT prepare a laptop, e-mail and network logins before the first day?',
      },
    ],
    near: {
      title: 'Collect the laptop from {starter}, leaving {dept}',
      description:
        '{starter} leaves {dept} at the end of the month. Please collect the laptop and disable the logins.',
    },
    jira: [{ project: 'OPS', type: 'Task' }],
    sn: [
      { table: 'sc_req_item', group: 'End User Computing', category: 'hardware' },
      { table: 'sc_req_item', group: 'Service Desk', category: 'hardware' },
    ],
  },
  {
    id: 'report-rebuild',
    goal: null,
    entities: 9000,
    entity: (j) => ({ report: `RPT-${numberOf(j, 1000, 9000, 3307)}` }),
    same: [
      {
        title: 'Rebuild report {report} on the new reporting library',
        description: 'Report {report} still uses the old reporting library, which is being retired.',
      },
      {
        title: 'Report {report} still runs on the old library - please port it',
        description:
          'The legacy library behind {report} is going away. Someone needs to rewrite the report on the new one and check the numbers match.',
      },
    ],
    near: {
      title: 'Retire report {report}, nobody opens it',
      description: 'Usage logs show nobody opened {report} this year. Remove it and its schedule.',
    },
    jira: [{ project: 'DATA', type: 'Task' }],
    sn: [{ table: 'sc_req_item', group: 'Enterprise Applications', category: 'software' }],
  },
  {
    id: 'disk-extend',
    goal: null,
    entities: 1152,
    entity: (j) => ({ host: hostOf(j) }),
    same: [
      {
        title: 'Add 500 GB to the data volume on {host}',
        description: 'The data volume on {host} is at 95%. Extend it by 500 GB.',
      },
      {
        title: '{host} data volume nearly full, please extend',
        description:
          'Disk alerts from {host}: the data volume passed 90% last night and grows about 2% a day. Please add space before it fills up.',
      },
    ],
    near: {
      title: 'Archive old tables on {host} to free space',
      description: 'Move tables older than three years on {host} to the archive database.',
    },
    jira: [{ project: 'OPS', type: 'Task' }],
    sn: [
      { table: 'change_request', group: 'Database Administration', category: 'database' },
      { table: 'sc_req_item', group: 'Database Administration', category: 'database' },
    ],
  },
  {
    id: 'cert-renewal',
    goal: null,
    entities: 1152,
    entity: (j) => ({ host: hostOf(j) }),
    same: [
      {
        title: 'Renew the TLS certificate on {host} before it expires',
        description: 'The certificate on {host} expires in three weeks. Renew it and install the new one.',
      },
      {
        title: 'Certificate on {host} expires soon - replace it',
        description:
          'Monitoring warns that the TLS certificate on {host} runs out this month. Order a new one and swap it in a change window.',
      },
    ],
    near: {
      title: 'Move {host} to automatic certificate renewal',
      description: 'Set {host} up for automatic renewal so certificates stop expiring unnoticed.',
    },
    jira: [{ project: 'OPS', type: 'Task', labels: ['security'] }],
    sn: [{ table: 'change_request', group: 'IT Security', category: 'security' }],
  },
  {
    id: 'replenishment-minimum',
    goal: 'supply-chain',
    entities: 900000,
    entity: (j) => ({ sku: skuOf(j + 500000), qty: String(6 + (j % 40)) }),
    same: [
      {
        title: 'Change the replenishment minimum for {sku} to {qty}',
        description: 'Please raise the replenishment minimum of {sku} to {qty} units per store.',
      },
      {
        title: 'Stores keep running out of {sku}: raise its replenishment minimum',
        description:
          'Area managers say {sku} is empty on shelf by midday. The replenishment minimum looks too low; {qty} per store would cover a normal day.',
      },
    ],
    near: {
      title: 'Delist {sku} from replenishment, end of range',
      description: '{sku} leaves the range next month; stop replenishment and let stores sell through.',
    },
    jira: [
      { project: 'SCM', type: 'Task' },
      { project: 'DATA', type: 'Task', components: ['Replenishment'] },
    ],
    sn: [{ table: 'sc_req_item', group: 'Supply Chain Apps', category: 'software' }],
  },
  {
    id: 'loyalty-app-crash',
    goal: 'customer-360',
    entities: 900,
    entity: (j) => ({ version: `5.${1 + (j % 30)}.${Math.floor(j / 30) % 30}` }),
    same: [
      {
        title: 'Loyalty app {version} crashes on start on Android',
        description:
          'Since release {version} the loyalty app closes straight after the splash screen on Android phones.',
      },
      {
        title: 'After updating to {version} the loyalty app closes immediately on Android phones',
        description:
          'Members report the loyalty app shuts as soon as they open it after the {version} update. Store colleagues cannot scan their loyalty cards either.',
      },
    ],
    near: {
      title: 'Release loyalty app {version} to the app stores',
      description: 'Version {version} passed testing; submit it to the app stores and stage the rollout.',
    },
    jira: [{ project: 'CRM', type: 'Bug' }],
    sn: [{ table: 'incident', group: 'CRM Team', service: 'Loyalty Programme', category: 'software' }],
  },
];
