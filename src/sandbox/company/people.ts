import type { SeedPerson } from '../seed.js';
import { ASSIGNMENT_GROUPS, JIRA_PROJECTS } from './org.js';
import { Random } from './random.js';

export const EMAIL_DOMAIN = 'acme.example';
export const LEADERSHIP_GROUP = 'leadership';
/** Titles leadership counts as executive in ServiceNow; no rank-and-file title starts like this. */
export const EXECUTIVE_TITLE_PATTERN = '^(Chief|VP|Vice President|Director|Head of)';

/** The `executives:` fragment of bearing.yaml that names this company's executives. */
export interface ExecutivesSettings {
  emails: string[];
  jiraAccountIds: string[];
  jiraGroups: string[];
  servicenow: { vip: boolean; titlePattern: string };
}

export interface Staff {
  people: SeedPerson[];
  executives: SeedPerson[];
  rankAndFile: SeedPerson[];
  /** IT people by the team (Jira project or assignment group) they work in. */
  itByTeam: ReadonlyMap<string, SeedPerson[]>;
}

interface ExecutiveSpec {
  title: string;
  department: string;
  /** A role alias, a personal address (`null` here), or hidden (`false`). */
  email: string | null | false;
  vip: boolean;
}

// C-level use the role aliases config/bearing.yaml lists; the rest are found by title, vip or group.
const EXECUTIVES: readonly ExecutiveSpec[] = [
  { title: 'Chief Executive Officer', department: 'Executive Office', email: 'ceo', vip: true },
  { title: 'Chief Financial Officer', department: 'Finance', email: 'cfo', vip: true },
  { title: 'Chief Operating Officer', department: 'Operations', email: 'coo', vip: true },
  { title: 'Chief Information Officer', department: 'IT', email: 'cio', vip: true },
  { title: 'Chief Marketing Officer', department: 'Marketing', email: 'cmo', vip: true },
  { title: 'VP Supply Chain', department: 'Supply Chain', email: null, vip: false },
  { title: 'VP Store Operations', department: 'Store Operations', email: null, vip: true },
  { title: 'VP Engineering', department: 'IT', email: null, vip: false },
  { title: 'Director of IT Operations', department: 'IT', email: null, vip: false },
  { title: 'Director of E-commerce', department: 'E-commerce', email: null, vip: false },
  { title: 'Director of Data & Analytics', department: 'IT', email: false, vip: false },
  { title: 'Head of Information Security', department: 'IT', email: null, vip: false },
  { title: 'Head of Customer Experience', department: 'Customer Service', email: null, vip: false },
];

const DEPARTMENTS: readonly { name: string; weight: number; titles: readonly string[] }[] = [
  {
    name: 'IT',
    weight: 40,
    titles: [
      'Service Desk Analyst',
      'Desktop Support Engineer',
      'Network Engineer',
      'Systems Administrator',
      'Cloud Engineer',
      'Database Administrator',
      'Software Engineer',
      'Senior Software Engineer',
      'QA Engineer',
      'Data Engineer',
      'Data Analyst',
      'Business Analyst',
      'Product Owner',
      'Scrum Master',
      'Security Analyst',
      'Solutions Architect',
      'IT Project Manager',
    ],
  },
  {
    name: 'E-commerce',
    weight: 10,
    titles: [
      'Digital Merchandiser',
      'Web Content Editor',
      'E-commerce Analyst',
      'UX Designer',
      'Trading Manager',
    ],
  },
  {
    name: 'Store Operations',
    weight: 14,
    titles: [
      'Store Manager',
      'Assistant Store Manager',
      'Area Manager',
      'Store Colleague',
      'Visual Merchandiser',
    ],
  },
  {
    name: 'Supply Chain',
    weight: 9,
    titles: ['Warehouse Supervisor', 'Demand Planner', 'Logistics Coordinator', 'Buyer', 'Inventory Analyst'],
  },
  {
    name: 'Marketing',
    weight: 8,
    titles: ['Marketing Executive', 'CRM Executive', 'Campaign Manager', 'Brand Manager', 'Insight Analyst'],
  },
  {
    name: 'Finance',
    weight: 7,
    titles: ['Finance Analyst', 'Accounts Payable Clerk', 'Management Accountant', 'Payroll Officer'],
  },
  {
    name: 'HR',
    weight: 5,
    titles: ['HR Advisor', 'Recruiter', 'HR Business Partner', 'Learning Coordinator'],
  },
  {
    name: 'Customer Service',
    weight: 5,
    titles: ['Customer Service Advisor', 'Contact Centre Team Leader', 'Complaints Specialist'],
  },
  { name: 'Legal', weight: 2, titles: ['Legal Counsel', 'Data Protection Officer', 'Paralegal'] },
];

// prettier-ignore
const FIRST_NAMES = [
  'Aisha', 'Oliver', 'Priya', 'James', 'Chloe', 'Mohammed', 'Sophie', 'Daniel', 'Hannah', 'Tomasz', 'Grace',
  'Liam', 'Fatima', 'Ethan', 'Amelia', 'Kwame', 'Isla', 'Raj', 'Emily', 'Lucas', 'Zara', 'Noah', 'Ruth',
  'Callum', 'Mei', 'Owen', 'Niamh', 'Arjun', 'Freya', 'Samuel', 'Leah', 'Ibrahim', 'Megan', 'Jack', 'Yusuf',
  'Eleanor', 'Kofi', 'Holly', 'Rory', 'Anika', 'George', 'Bethany', 'Dev', 'Erin', 'Marek', 'Lily', 'Adam',
  'Rosa', 'Finn', 'Imogen', 'Harvey', 'Olga', 'Ciaran', 'Keira', 'Joseph', 'Sana', 'Matthew', 'Aoife',
  'Tariq', 'Lauren', 'Ben', 'Ayesha', 'Rhys', 'Jasmine', 'Stefan', 'Molly', 'Nathan', 'Elif',
];
// prettier-ignore
const LAST_NAMES = [
  'Khan', 'Smith', 'Patel', 'Jones', 'Williams', 'Brown', 'Taylor', 'Davies', 'Evans', 'Wilson', 'Thomas',
  'Roberts', 'Johnson', 'Walker', 'Wright', 'Robinson', 'Thompson', 'White', 'Hughes', 'Edwards', 'Green',
  'Hall', 'Wood', 'Harris', 'Lewis', 'Martin', 'Jackson', 'Clarke', 'Clark', 'Turner', 'Hill', 'Scott',
  'Cooper', 'Morris', 'Ward', 'Moore', 'King', 'Watson', 'Baker', 'Harrison', 'Morgan', 'Patterson', 'Young',
  'Allen', 'Mitchell', 'Kelly', 'Nowak', 'Okafor', 'Mensah', 'Chen', 'Singh', 'Ahmed', 'Murphy', "O'Brien",
  'Kowalski', 'Nguyen', 'Begum', 'Ali', 'Fraser', 'Campbell', 'Reid', 'MacDonald', 'Byrne', 'Doyle',
];

/** How many rank-and-file staff a company with `size` tickets has. */
export const staffCount = (size: number): number => Math.min(400, Math.max(60, Math.round(40 + size / 25)));

/** The people of Acme Retail: executives first, then rank-and-file staff. Deterministic in `seed`. */
export function generateStaff(seed: number, size: number): Staff {
  const rng = new Random(seed, 1);
  const used = new Set<string>();
  const emails = new Set<string>();
  const newName = (): [string, string] => {
    for (;;) {
      const first = rng.pick(FIRST_NAMES);
      const last = rng.pick(LAST_NAMES);
      if (!used.has(`${first} ${last}`)) {
        used.add(`${first} ${last}`);
        return [first, last];
      }
    }
  };
  const personalEmail = (first: string, last: string): string => {
    const base = `${first}.${last}`.toLowerCase().replace(/[^a-z.]/g, '');
    let email = `${base}@${EMAIL_DOMAIN}`;
    for (let n = 2; emails.has(email); n++) email = `${base}${n}@${EMAIL_DOMAIN}`;
    emails.add(email);
    return email;
  };
  const person = (
    index: number,
    fields: Omit<SeedPerson, 'id' | 'jiraAccountId' | 'snSysId'>,
  ): SeedPerson => ({
    id: `p${String(index).padStart(4, '0')}`,
    ...fields,
    jiraAccountId: rng.hex(24),
    snSysId: rng.hex(32),
  });

  const executives = EXECUTIVES.map((spec, i) => {
    const [first, last] = newName();
    const email =
      spec.email === false
        ? null
        : spec.email === null
          ? personalEmail(first, last)
          : `${spec.email}@${EMAIL_DOMAIN}`;
    return person(i + 1, {
      name: `${first} ${last}`,
      email,
      title: spec.title,
      department: spec.department,
      vip: spec.vip,
      isExecutive: true,
      jiraGroups: ['jira-software-users', LEADERSHIP_GROUP],
    });
  });

  const count = staffCount(size);
  const departments = DEPARTMENTS.map((d) => [d, d.weight] as const);
  // A few people hide their e-mail in Jira; spread over the list so every size has some.
  const hidden = new Set([3, Math.floor(count / 2), count - 5]);
  const rankAndFile: SeedPerson[] = [];
  for (let i = 0; i < count; i++) {
    const department = i < 24 ? DEPARTMENTS[0]! : rng.weighted(departments);
    const [first, last] = newName();
    const email = personalEmail(first, last);
    rankAndFile.push(
      person(executives.length + i + 1, {
        name: `${first} ${last}`,
        email: hidden.has(i) ? null : email,
        title: rng.pick(department.titles),
        department: department.name,
        vip: false,
        isExecutive: false,
        jiraGroups: ['jira-software-users'],
      }),
    );
  }

  const teams = [...JIRA_PROJECTS.map((p) => p.key), ...ASSIGNMENT_GROUPS];
  const itByTeam = new Map<string, SeedPerson[]>(teams.map((t) => [t, []]));
  rankAndFile
    .filter((p) => p.department === 'IT')
    .forEach((p, i) => itByTeam.get(teams[i % teams.length]!)!.push(p));

  return { people: [...executives, ...rankAndFile], executives, rankAndFile, itByTeam };
}

/** The executives settings that identify exactly the executives among `people`. */
export function executivesSettings(people: readonly SeedPerson[]): ExecutivesSettings {
  const executives = people.filter((p) => p.isExecutive);
  return {
    emails: executives.flatMap((p) => (p.email === null ? [] : [p.email])),
    jiraAccountIds: executives.filter((p) => p.email === null).map((p) => p.jiraAccountId),
    jiraGroups: [LEADERSHIP_GROUP],
    servicenow: { vip: true, titlePattern: EXECUTIVE_TITLE_PATTERN },
  };
}

/** Draws people for tickets: who asks, who works. */
export class Pickers {
  private readonly business: SeedPerson[];
  private readonly it: SeedPerson[];

  private readonly staff: Staff;
  private readonly rng: Random;

  constructor(staff: Staff, rng: Random) {
    this.staff = staff;
    this.rng = rng;
    this.business = staff.rankAndFile.filter((p) => p.department !== 'IT');
    this.it = staff.rankAndFile.filter((p) => p.department === 'IT');
  }

  /** A rank-and-file colleague outside IT. */
  businessPerson(): SeedPerson {
    return this.rng.pick(this.business);
  }

  /** A rank-and-file IT colleague. */
  itPerson(): SeedPerson {
    return this.rng.pick(this.it);
  }

  executive(): SeedPerson {
    return this.rng.pick(this.staff.executives);
  }

  /** Anyone below the executives. */
  rankAndFile(): SeedPerson {
    return this.rng.pick(this.staff.rankAndFile);
  }

  /** Requester by shares: executives, IT, everyone else. */
  requester(executive: number, it: number): SeedPerson {
    const x = this.rng.next();
    if (x < executive) return this.executive();
    return x < executive + it ? this.itPerson() : this.businessPerson();
  }

  /** An IT colleague of the team, or nobody for work not yet picked up (sometimes). */
  assignee(team: string, status: 'todo' | 'doing' | 'done'): SeedPerson | null {
    if (status === 'todo' && this.rng.chance(0.6)) return null;
    const members = this.staff.itByTeam.get(team);
    return members && members.length > 0 ? this.rng.pick(members) : this.itPerson();
  }
}
