/**
 * The faults the reliability suite and the soak inject, per system, as fault rules for the
 * sandbox's injectors. Each is bounded (`times`) so a cycle under it can finish, and some start
 * mid-run (`afterRequests`), so they land between pages and between writes rather than only on
 * the first call.
 */
import type { FaultRule } from '../../src/sandbox/http/index.js';
import type { System, World } from './harness.js';

export interface Fault {
  name: string;
  rules: (world: World, system: System) => FaultRule[];
  /** Upstream repair once the fault is cleared (a person fixes a broken record). */
  repair?: (world: World, system: System) => void;
}

/** The records a schema fault breaks: the first two tickets of the system. */
export function brokenRecords(world: World, system: System): string[] {
  const refs: string[] = [];
  for (const t of world.company.tickets) {
    if (t.system !== system) continue;
    refs.push(t.system === 'jira' ? t.key : t.number);
    if (refs.length === 2) break;
  }
  return refs;
}

/**
 * Breaks the named records in a page of either system: a Jira issue loses its summary, a
 * ServiceNow record gets a priority outside 1–5. Both are fields bearing cannot do without.
 */
function breakRecords(refs: readonly string[]): (body: unknown) => boolean {
  const wanted = new Set(refs);
  return (body) => {
    const page = body as { issues?: unknown; result?: unknown };
    let changed = false;
    if (Array.isArray(page.issues)) {
      for (const issue of page.issues as { key?: string; fields?: Record<string, unknown> }[]) {
        if (issue.key && wanted.has(issue.key) && issue.fields && 'summary' in issue.fields) {
          delete issue.fields.summary;
          changed = true;
        }
      }
    }
    if (Array.isArray(page.result)) {
      for (const record of page.result as Record<string, unknown>[]) {
        const number = record.number as { value?: string } | string | undefined;
        const value = typeof number === 'string' ? number : number?.value;
        if (value && wanted.has(value)) {
          record.priority = { value: '9', display_value: '9 - Whenever' };
          changed = true;
        }
      }
    }
    return changed;
  };
}

/** Touches each broken record without changing its content, so the next pull reads it again. */
function touchRecords(world: World, system: System): void {
  for (const ref of brokenRecords(world, system)) {
    if (system === 'jira') world.sandbox.jira.state.editAsHuman(ref, {});
    else {
      const ticket = [...world.company.tickets].find((t) => t.system === 'servicenow' && t.number === ref);
      if (ticket?.system === 'servicenow') {
        world.sandbox.servicenow.state.editAsHuman(ticket.table, ticket.sysId, {
          sys_updated_by: 'human.editor',
        });
      }
    }
  }
}

export const FAULTS: readonly Fault[] = [
  {
    name: '429 storm with Retry-After',
    rules: () => [{ knobs: { ratePerSecond: 15, retryAfterSeconds: 1, times: 40 } }],
  },
  {
    name: 'burst of 500/502/503',
    rules: () => [{ knobs: { errorRate: 1, errorStatuses: [500, 502, 503], times: 4, afterRequests: 3 } }],
  },
  {
    name: '5xx on writes',
    rules: (_world, system) => [
      {
        ...(system === 'jira'
          ? { endpoint: (e: string) => e === 'bulk-edit' || e === 'issue-edit' }
          : { method: 'PATCH' }),
        knobs: { errorRate: 0.3, errorStatuses: [502, 503], times: 6 },
      },
    ],
  },
  {
    name: 'hung requests past the timeout',
    rules: () => [{ knobs: { hangRate: 0.5, times: 2, afterRequests: 2 } }],
  },
  {
    name: 'dropped connections',
    rules: () => [{ knobs: { dropRate: 0.5, times: 4, afterRequests: 2 } }],
  },
  {
    name: 'malformed JSON bodies',
    rules: () => [{ knobs: { malformedRate: 1, times: 3, afterRequests: 1 } }],
  },
  {
    name: 'records that break the schema',
    rules: (world, system) => [{ knobs: { corrupt: breakRecords(brokenRecords(world, system)) } }],
    repair: touchRecords,
  },
  {
    name: '401 in the middle of a run',
    rules: () => [{ knobs: { errorRate: 1, errorStatuses: [401], afterRequests: 6 } }],
  },
  {
    name: '403 in the middle of a run',
    rules: () => [{ knobs: { errorRate: 1, errorStatuses: [403], afterRequests: 6 } }],
  },
];
