import {
  goalsFileSchema,
  mappingSettingsSchema,
  type GoalsFile,
  type MappingSettings,
  type WorkItem,
} from '../model/index.js';
import { workItem } from '../model/testing.js';

/** A Jira issue of the key's project with empty text, for tests; the ref is the key. */
export function jiraItem(key: string, overrides: Partial<WorkItem> = {}): WorkItem {
  const project = key.split('-')[0] ?? 'OPS';
  return workItem({
    key,
    url: `https://acme.atlassian.net/browse/${key}`,
    scope: project,
    container: project,
    team: project,
    effort: { value: 1, unit: 'default' },
    ...overrides,
  });
}

/** A ServiceNow record of `table` in assignment group "Service Desk", for tests; the ref is `SN:` + number. */
export function snItem(number: string, table: string, overrides: Partial<WorkItem> = {}): WorkItem {
  return jiraItem(number, {
    uid: `servicenow:${number.toLowerCase()}`,
    source: 'servicenow',
    ref: `SN:${number}`,
    url: `https://acme.service-now.com/${table}.do?sysparm_query=number=${number}`,
    kind: 'request',
    scope: table,
    container: 'Service Desk',
    team: 'Service Desk',
    ...overrides,
  });
}

/** Acme's goals: digital revenue (rank 1), operating cost (2), customer experience (3), and run work. */
export function acmeGoals(): GoalsFile {
  return goalsFileSchema.parse({
    period: '2026-Q4',
    goals: [
      {
        id: 'customer-experience',
        name: 'Improve customer experience',
        rank: 3,
        target: 0.15,
        keywords: ['customer portal', 'self-service', 'support'],
        match: { jira: { components: ['Portal'] }, servicenow: { businessServices: ['Customer Portal'] } },
      },
      {
        id: 'digital-revenue',
        name: 'Grow digital revenue',
        rank: 1,
        target: 0.35,
        keywords: ['checkout', 'payment', 'pricing', 'conversion', 'storefront'],
        match: {
          jira: { projects: ['SHOP'], labels: ['revenue'], components: ['Checkout'], epics: ['SHOP-12'] },
          servicenow: { businessServices: ['Online Store'], assignmentGroups: ['Web Commerce'] },
        },
      },
      {
        id: 'operating-cost',
        name: 'Reduce operating cost',
        rank: 2,
        target: 0.2,
        keywords: ['automation', 'cloud spend', 'licence', 'consolidation'],
        match: {
          jira: { projects: ['OPS'], labels: ['cost'] },
          servicenow: { assignmentGroups: ['Finance IT'], categories: ['Licensing'] },
        },
      },
    ],
    run: {
      target: 0.3,
      match: {
        kinds: ['incident'],
        labels: ['security', 'compliance', 'patching'],
        servicenow: { categories: ['Patching'] },
      },
    },
  });
}

export const defaultMappingSettings = (): MappingSettings => mappingSettingsSchema.parse({});
