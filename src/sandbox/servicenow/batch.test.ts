import { describe, expect, it } from 'vitest';
import { BASIC, person, snTicket } from './fixtures.js';
import { createFakeServiceNow, type FakeServiceNow } from './index.js';

const ORIGIN = 'https://acme.service-now.com';
const A = 'a'.repeat(32);
const B = 'b'.repeat(32);
const b64 = (value: unknown): string => Buffer.from(JSON.stringify(value)).toString('base64');
const unb64 = (value: string): unknown => JSON.parse(Buffer.from(value, 'base64').toString('utf8'));

function twoIncidents(): FakeServiceNow {
  const fake = createFakeServiceNow({ now: () => Date.UTC(2026, 10, 20, 9, 30, 0) });
  fake.state.load([person('p1'), person('p2')], [snTicket({ sysId: A }), snTicket({ sysId: B })]);
  return fake;
}

async function post(fake: FakeServiceNow, path: string, body: unknown) {
  const response = await fake.service.handle(
    new Request(`${ORIGIN}${path}`, {
      method: 'POST',
      headers: { Authorization: BASIC, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const patch = (id: string, sysId: string, value: unknown, extra: Record<string, unknown> = {}) => ({
  id,
  method: 'PATCH',
  url: `/api/now/table/incident/${sysId}?sysparm_fields=sys_id,u_alignment_score`,
  headers: [
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Accept', value: 'application/json' },
  ],
  body: b64(value),
  exclude_response_headers: true,
  ...extra,
});

describe('Batch API', () => {
  it('runs each item like the direct call and answers with Base64 bodies', async () => {
    const fake = twoIncidents();
    const { status, body } = await post(fake, '/api/now/v1/batch', {
      batch_request_id: 'run-1',
      rest_requests: [patch('1', A, { u_alignment_score: 80 }), patch('2', B, { u_alignment_score: 55 })],
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({ batch_request_id: 'run-1', unserviced_requests: [] });
    const serviced = body.serviced_requests as {
      id: string;
      status_code: number;
      body: string;
      headers: unknown;
    }[];
    expect(serviced.map((s) => [s.id, s.status_code, s.headers])).toEqual([
      ['1', 200, []],
      ['2', 200, []],
    ]);
    expect(unb64(serviced[0]?.body as string)).toEqual({ result: { sys_id: A, u_alignment_score: '80' } });
    expect(fake.state.record('incident', B)?.u_alignment_score).toBe('55');
    expect(fake.state.writes.map((w) => w.via)).toEqual(['batch', 'batch']);
  });

  it('reports an item failure in its own status without failing the batch', async () => {
    const fake = twoIncidents();
    const { status, body } = await post(fake, '/api/now/v1/batch', {
      batch_request_id: 'run-2',
      rest_requests: [
        patch('missing', 'f'.repeat(32), { u_alignment_score: 1 }),
        patch('ok', A, { u_alignment_score: 2 }, { exclude_response_headers: false }),
      ],
    });
    expect(status).toBe(200);
    const [missing, ok] = body.serviced_requests as {
      status_code: number;
      status_text: string;
      body: string;
      headers: { name: string; value: string }[];
    }[];
    expect(missing?.status_code).toBe(404);
    expect(missing?.status_text).toBe('Not Found');
    expect(unb64(missing?.body as string)).toMatchObject({
      error: { message: 'No Record found' },
      status: 'failure',
    });
    expect(ok?.status_code).toBe(200);
    expect(ok?.headers).toContainEqual({ name: 'content-type', value: 'application/json;charset=UTF-8' });
  });

  it('returns the items past the transaction quota as unserviced_requests', async () => {
    const fake = twoIncidents();
    fake.state.config.batchServicedLimit = 1;
    const { body } = await post(fake, '/api/now/v1/batch', {
      batch_request_id: 'run-3',
      rest_requests: [patch('1', A, { u_alignment_score: 1 }), patch('2', B, { u_alignment_score: 2 })],
    });
    expect((body.serviced_requests as { id: string }[]).map((s) => s.id)).toEqual(['1']);
    expect(body.unserviced_requests).toEqual(['2']);
    expect(fake.state.record('incident', B)?.u_alignment_score).toBeUndefined();
  });

  it('answers 400 on the unversioned and v2 batch URLs', async () => {
    const fake = twoIncidents();
    for (const path of ['/api/now/batch', '/api/now/v2/batch']) {
      const { status, body } = await post(fake, path, { rest_requests: [] });
      expect(status).toBe(400);
      expect(body).toEqual({
        error: { message: 'Requested URI does not represent any resource', detail: null },
        status: 'failure',
      });
    }
  });

  it('runs GET items too and refuses a batch inside a batch', async () => {
    const fake = twoIncidents();
    const { body } = await post(fake, '/api/now/v1/batch', {
      batch_request_id: 'run-4',
      rest_requests: [
        { id: 'read', method: 'GET', url: `/api/now/table/incident/${A}?sysparm_fields=sys_id` },
        { id: 'nested', method: 'POST', url: '/api/now/v1/batch', body: b64({ rest_requests: [] }) },
      ],
    });
    const [read, nested] = body.serviced_requests as { status_code: number; body: string }[];
    expect(unb64(read?.body as string)).toEqual({ result: { sys_id: A } });
    expect(nested?.status_code).toBe(400);
  });
});
