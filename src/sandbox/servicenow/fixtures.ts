/** Small hand-built seeds for tests of the fake and of code that talks to it. */
import type { SeedPerson, SeedSnTicket } from '../seed.js';

export function person(id: string, overrides: Partial<SeedPerson> = {}): SeedPerson {
  const n = Number.parseInt(id.replace(/\D/g, ''), 10) || 0;
  return {
    id,
    name: `Person ${id}`,
    email: `${id}@acme.example`,
    title: 'Engineer',
    department: 'IT',
    vip: false,
    isExecutive: false,
    jiraAccountId: `acc-${id}`,
    snSysId: n.toString(16).padStart(32, 'a'),
    jiraGroups: [],
    ...overrides,
  };
}

let counter = 0;

/** A ticket with sensible defaults; `number` and `sysId` are unique unless given. */
export function snTicket(overrides: Partial<SeedSnTicket> = {}): SeedSnTicket {
  counter++;
  const table = overrides.table ?? 'incident';
  const prefix = {
    incident: 'INC',
    sc_req_item: 'RITM',
    change_request: 'CHG',
    pm_project: 'PRJ',
    dmn_demand: 'DMND',
  }[table];
  const created = Date.UTC(2026, 10, 2, 9, 0, 0) + counter * 60_000;
  return {
    system: 'servicenow',
    sysId: counter.toString(16).padStart(32, 'c'),
    number: `${prefix}${String(10_000 + counter).padStart(7, '0')}`,
    table,
    title: `Ticket ${counter}`,
    description: 'First paragraph.\n\nSecond paragraph.',
    priority: 3,
    status: 'doing',
    requesterId: 'p1',
    assigneeId: 'p2',
    created,
    updated: created + 3_600_000,
    resolved: null,
    assignmentGroup: 'Web Commerce',
    category: 'software',
    businessService: 'Online Store',
    impact: 2,
    urgency: 2,
    hours: 1.5,
    parentNumber: null,
    ...overrides,
  };
}

/** An Authorization header for the default credentials (DEFAULT_AUTH). */
export const BASIC = `Basic ${Buffer.from('bearing:bearing').toString('base64')}`;
