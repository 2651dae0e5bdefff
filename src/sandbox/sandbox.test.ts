import { describe, expect, it } from 'vitest';
import { seedPerson, seedTickets } from './jira/index.js';
import { snTicket } from './servicenow/index.js';
import { startSandbox } from './sandbox.js';

const basic = (user: string, secret: string): string =>
  `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;

describe('the sandbox', () => {
  it('serves a company through fake Jira and fake ServiceNow on loopback, and stops listening when closed', async () => {
    const sandbox = await startSandbox({
      people: [seedPerson('p1')],
      tickets: [...seedTickets('OPS', 3), snTicket({ table: 'incident' }), snTicket({ table: 'incident' })],
    });
    try {
      const jira = await fetch(
        `${sandbox.jira.url}/rest/api/3/search/jql?jql=project%20%3D%20OPS&fields=summary`,
        {
          headers: { Authorization: basic(sandbox.jira.auth.email, sandbox.jira.auth.token) },
        },
      );
      expect(jira.status).toBe(200);
      const body = (await jira.json()) as { issues: { key: string }[]; isLast: boolean };
      expect(body.issues.map((i) => i.key).sort()).toEqual(['OPS-1', 'OPS-2', 'OPS-3']);
      expect(body.isLast).toBe(true);

      const sn = await fetch(`${sandbox.servicenow.url}/api/now/table/incident?sysparm_fields=number`, {
        headers: { Authorization: basic(sandbox.servicenow.auth.user, sandbox.servicenow.auth.password) },
      });
      expect(sn.status).toBe(200);
      expect(((await sn.json()) as { result: unknown[] }).result).toHaveLength(2);
      expect(sandbox.jira.injector.count('search')).toBe(1);
    } finally {
      await sandbox.close();
    }
    await expect(fetch(`${sandbox.jira.url}/rest/api/3/myself`)).rejects.toThrow();
  });
});
