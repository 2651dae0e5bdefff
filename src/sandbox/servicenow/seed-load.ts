/**
 * Turns the neutral demo-company seed (../seed.ts) into ServiceNow rows: people into sys_user (with
 * their departments), assignment groups and business services into their tables, and tickets into
 * their tables with the columns and values of api-facts §7. Parents that the seed only names by
 * number (a RITM's request) are created; a project's demand is linked when that demand exists.
 */
import { createHash } from 'node:crypto';
import { formatServiceNowTime } from '../../core/index.js';
import type { SeedPerson, SeedSnTable, SeedSnTicket, SeedTicket } from '../seed.js';
import type { Row } from './schema.js';
import { formatDuration } from './values.js';

/** A stable 32-hex sys_id for a record the seed names but does not identify (groups, services …). */
export function derivedSysId(table: string, key: string): string {
  return createHash('md5').update(`${table}:${key}`).digest('hex');
}

export interface SeedRows {
  /** Table → rows, parents before the tables that reference them. */
  tables: Map<string, Row[]>;
}

type Status = SeedSnTicket['status'];

/** State value per table and status (§7). Demand values are the fake's own (UNCONFIRMED there). */
const STATE: Record<SeedSnTable, Record<Status, string>> = {
  incident: { todo: '1', doing: '2', done: '6' },
  sc_req_item: { todo: '1', doing: '2', done: '3' },
  change_request: { todo: '-5', doing: '-1', done: '3' },
  pm_project: { todo: '-5', doing: '2', done: '3' },
  dmn_demand: { todo: '2', doing: '5', done: '7' },
};

/**
 * @param findDemand sys_id of an already loaded demand by number, for projects whose demand was
 *   loaded earlier.
 */
export function seedRows(
  people: readonly SeedPerson[],
  tickets: readonly SeedTicket[],
  nowMs: number,
  findDemand: (number: string) => string | undefined,
): SeedRows {
  const loadedAt = formatServiceNowTime(nowMs);
  const system = (sysId: string): Row => ({
    sys_id: sysId,
    sys_created_on: loadedAt,
    sys_created_by: 'admin',
    sys_updated_on: loadedAt,
    sys_updated_by: 'admin',
    sys_mod_count: '0',
  });
  const named = new Map<string, Map<string, Row>>();
  const namedRow = (table: string, name: string, extra: Row = {}): string => {
    const rows = named.get(table) ?? new Map<string, Row>();
    named.set(table, rows);
    const existing = rows.get(name);
    if (existing) return existing.sys_id as string;
    const sysId = derivedSysId(table, name);
    rows.set(name, { ...system(sysId), name, ...extra });
    return sysId;
  };

  const users: Row[] = [];
  const byId = new Map<string, { sysId: string; userName: string }>();
  for (const p of people) {
    const userName = p.email
      ? (p.email.split('@')[0] as string)
      : p.name.toLowerCase().replace(/[^a-z0-9]+/g, '.');
    const space = p.name.indexOf(' ');
    byId.set(p.id, { sysId: p.snSysId, userName });
    users.push({
      ...system(p.snSysId),
      user_name: userName,
      first_name: space < 0 ? p.name : p.name.slice(0, space),
      last_name: space < 0 ? '' : p.name.slice(space + 1),
      name: p.name,
      email: p.email ?? '',
      title: p.title,
      department: p.department ? namedRow('cmn_department', p.department) : '',
      vip: String(p.vip),
      active: 'true',
      employee_number: p.id,
    });
  }

  const snTickets = tickets.filter((t): t is SeedSnTicket => t.system === 'servicenow');
  const demandIds = new Map(
    snTickets.filter((t) => t.table === 'dmn_demand').map((t) => [t.number, t.sysId] as const),
  );
  const requests = new Map<string, Row>();
  const byTable = new Map<string, Row[]>();
  for (const t of snTickets) {
    const requester = byId.get(t.requesterId);
    const assignee = t.assigneeId ? byId.get(t.assigneeId) : undefined;
    const requesterId = requester?.sysId ?? '';
    const done = t.status === 'done';
    const resolved = done && t.resolved !== null ? formatServiceNowTime(t.resolved) : '';
    const hours = t.hours === null ? '' : formatDuration(t.hours * 3600);
    const row: Row = {
      sys_id: t.sysId,
      sys_created_on: formatServiceNowTime(t.created),
      sys_created_by: requester?.userName ?? 'admin',
      sys_updated_on: formatServiceNowTime(t.updated),
      sys_updated_by: (assignee ?? requester)?.userName ?? 'admin',
      sys_mod_count: t.updated > t.created ? String({ todo: 1, doing: 3, done: 5 }[t.status]) : '0',
      sys_class_name: t.table,
      number: t.number,
      short_description: t.title,
      description: t.description,
      priority: String(t.priority),
      impact: String(t.impact),
      urgency: String(t.urgency),
      state: STATE[t.table][t.status],
      active: String(!done),
      opened_by: requesterId,
      opened_at: formatServiceNowTime(t.created),
      closed_at: resolved,
      assigned_to: assignee?.sysId ?? '',
      assignment_group: t.assignmentGroup
        ? namedRow('sys_user_group', t.assignmentGroup, { active: 'true' })
        : '',
      business_service: t.businessService
        ? namedRow('cmdb_ci_service', t.businessService, { operational_status: '1' })
        : '',
      approval: t.status === 'todo' ? 'requested' : 'approved',
    };
    switch (t.table) {
      case 'incident':
        Object.assign(row, {
          caller_id: requesterId,
          category: t.category ?? '',
          incident_state: row.state,
          contact_type: 'self-service',
          reassignment_count: '0',
          reopen_count: '0',
          resolved_at: resolved,
          resolved_by: done ? (assignee?.sysId ?? '') : '',
          close_code: done ? 'Solved (Permanently)' : '',
          time_worked: hours,
        });
        break;
      case 'sc_req_item':
        Object.assign(row, {
          requested_for: requesterId,
          request: t.parentNumber ? requestFor(t, requesterId, row) : '',
          quantity: '1',
          price: '0',
          stage: { todo: 'waiting_for_approval', doing: 'fulfillment', done: 'complete' }[t.status],
          time_worked: hours,
        });
        break;
      case 'change_request':
        Object.assign(row, {
          requested_by: requesterId,
          type: 'normal',
          category: t.category ?? '',
          risk: '3',
          start_date: row.opened_at,
          end_date: resolved,
          time_worked: hours,
        });
        break;
      case 'pm_project':
        // No requester column on projects in §7: the project manager stands for it (design.md falls back to it).
        Object.assign(row, {
          project_manager: requesterId,
          phase: { todo: 'initiating', doing: 'executing', done: 'closing' }[t.status],
          demand: (t.parentNumber && (demandIds.get(t.parentNumber) ?? findDemand(t.parentNumber))) || '',
          start_date: row.opened_at,
          end_date: resolved,
          percent_complete: { todo: '0', doing: '50', done: '100' }[t.status],
          effort: hours,
          work_effort: done ? hours : '',
        });
        break;
      case 'dmn_demand':
        Object.assign(row, {
          submitter: requesterId,
          demand_manager: assignee?.sysId ?? '',
          category: t.category ?? 'strategic',
          type: 'project',
          stage: { todo: 'screening', doing: 'approved', done: 'completed' }[t.status],
          business_case: toHtml(t.description),
          start_date: row.opened_at,
          effort: hours,
        });
        break;
    }
    const rows = byTable.get(t.table) ?? [];
    rows.push(row);
    byTable.set(t.table, rows);
  }

  function requestFor(t: SeedSnTicket, requesterId: string, item: Row): string {
    const number = t.parentNumber as string;
    const existing = requests.get(number);
    if (existing) return existing.sys_id as string;
    const sysId = derivedSysId('sc_request', number);
    requests.set(number, {
      ...item,
      sys_id: sysId,
      sys_class_name: 'sc_request',
      number,
      short_description: 'Request',
      description: '',
      requested_for: requesterId,
      request_state: { todo: 'requested', doing: 'in_process', done: 'closed_complete' }[t.status],
    });
    return sysId;
  }

  const tables = new Map<string, Row[]>();
  tables.set('cmn_department', [...(named.get('cmn_department')?.values() ?? [])]);
  tables.set('sys_user', users);
  for (const table of ['sys_user_group', 'cmdb_ci_service'])
    tables.set(table, [...(named.get(table)?.values() ?? [])]);
  tables.set('sc_request', [...requests.values()]);
  for (const [table, rows] of byTable) tables.set(table, rows);
  return { tables };
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Paragraphs (blank-line separated) as HTML paragraphs, as a rich-text field stores them. */
function toHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .filter((p) => p.trim() !== '')
    .map((p) => `<p>${escapeHtml(p.trim()).replace(/\n/g, '<br />')}</p>`)
    .join('');
}
