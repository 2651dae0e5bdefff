/**
 * The scopes of a run: one per Jira project the configured JQL matches.
 *
 * Cheapest correct way, by the shape of the JQL:
 * - It names its projects in a top-level `project = X` / `project in (…)` clause (the usual case, e.g.
 *   `project in (SHOP, OPS) AND …`): those projects, resolved to their keys with one project lookup
 *   (`/project/search?keys=…`, §4; names and ids fall back to listing the visible projects). No search.
 * - Otherwise (`labels = x`, `category = IT`, a JQL function): discovered by searching keys only (up to
 *   5,000 a page, §1.2), excluding the projects found so far, until nothing new comes back. Each call finds
 *   at least one new project, so this costs at most (projects + 1) searches whatever the number of issues;
 *   paging all matching keys would cost N / 5,000.
 */
import { BearingError } from '../../core/errors.js';
import { discoveryJql, projectsNamedBy } from './jql.js';
import type { JiraProject, JiraWire } from './wire/types.js';

const KEY_LIKE = /^[A-Za-z][A-Za-z0-9_]*$/;
/** A guard against a site answering the same project again and again. */
const MAX_DISCOVERY_ROUNDS = 10_000;

export async function findScopes(wire: JiraWire, jql: string): Promise<string[]> {
  const named = projectsNamedBy(jql);
  const keys = named === null ? await discoverProjects(wire, jql) : await resolveProjects(wire, named);
  return [...new Set(keys)].sort();
}

async function resolveProjects(wire: JiraWire, named: readonly string[]): Promise<string[]> {
  const byKey = await wire.projects(named.filter((n) => KEY_LIKE.test(n)).map((n) => n.toUpperCase()));
  const match = (projects: readonly JiraProject[], value: string): JiraProject | undefined => {
    const lower = value.toLowerCase();
    return projects.find(
      (p) => p.key.toLowerCase() === lower || p.id === value || p.name.toLowerCase() === lower,
    );
  };
  let all: JiraProject[] | undefined;
  const keys: string[] = [];
  for (const value of named) {
    let project = match(byKey, value);
    if (!project) {
      // A project named by its name or id (JQL allows both): look through every visible project, once.
      all ??= await wire.projects();
      project = match(all, value);
    }
    if (!project) {
      throw new BearingError(
        'config',
        `jira.jql names project "${value}", which does not exist or the bearing account cannot browse`,
      );
    }
    keys.push(project.key);
  }
  return keys;
}

async function discoverProjects(wire: JiraWire, jql: string): Promise<string[]> {
  const found: string[] = [];
  for (let round = 0; round < MAX_DISCOVERY_ROUNDS; round++) {
    const keys = await wire.searchKeys(discoveryJql(jql, found));
    const known = new Set(found);
    const fresh = [...new Set(keys.map((key) => key.slice(0, key.lastIndexOf('-'))))].filter(
      (p) => !known.has(p),
    );
    if (fresh.length === 0) break;
    found.push(...fresh);
  }
  return found;
}
