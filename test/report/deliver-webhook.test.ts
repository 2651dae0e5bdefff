import { afterEach, describe, expect, it } from 'vitest';
import { deliverReport, dialectOf, webhookBody } from '../../src/report/deliver/index.js';
import {
  capturedLog,
  recordingSleep,
  reportMessage,
  startWebhook,
  type HookAnswer,
  type WebhookSink,
} from './deliver-fixtures.js';

const retry = { attempts: 4, baseMs: 100, maxMs: 1_000 };
let hook: WebhookSink | undefined;
afterEach(async () => {
  await hook?.close();
  hook = undefined;
});

const REPORT_FILE = '/var/lib/bearing/out/2026-W47/report.html';

/** Delivers the report to a local webhook answering `answers` in turn. */
async function deliverTo(answers: readonly HookAnswer[]) {
  hook = await startWebhook(answers);
  const { sleep, waits } = recordingSleep();
  const { log } = capturedLog();
  const outcomes = await deliverReport(
    reportMessage(),
    { webhook: { url: hook.url } },
    { log, sleep, retry },
  );
  return { outcomes, outcome: outcomes[0], waits, requests: hook.requests };
}

describe('delivering the report to a webhook', () => {
  it('posts JSON whose text holds the Markdown summary and the path of the full report', async () => {
    const { outcomes, requests } = await deliverTo([{ status: 200, body: 'ok' }]);

    expect(outcomes).toEqual([{ channel: 'webhook', ok: true, attempts: 1 }]);
    expect(requests).toHaveLength(1);
    const request = requests[0]!;
    expect(request.contentType).toMatch(/^application\/json/);
    const body = request.body as { text: string };
    expect(typeof body.text).toBe('string');
    expect(body.text).toContain('**2 goals red.** Digital revenue got 22% of the effort');
    expect(body.text).toContain('| digital-revenue | 35% | 22% |');
    expect(body.text).toContain(REPORT_FILE);
  });

  it('retries a 500 and delivers on the second attempt', async () => {
    const { outcomes, requests, waits } = await deliverTo([
      { status: 500, body: 'upstream broke' },
      { status: 200 },
    ]);

    expect(outcomes).toEqual([{ channel: 'webhook', ok: true, attempts: 2 }]);
    expect(requests).toHaveLength(2);
    expect(waits).toHaveLength(1);
  });

  it('waits out a 429 for as long as Retry-After says', async () => {
    const { outcomes, waits } = await deliverTo([
      { status: 429, body: 'rate_limited', headers: { 'retry-after': '7' } },
      { status: 200 },
    ]);

    expect(outcomes).toEqual([{ channel: 'webhook', ok: true, attempts: 2 }]);
    expect(waits).toEqual([7_000]);
  });

  it('gives up on a 429 asking for a longer wait than bearing allows', async () => {
    const { outcome, waits } = await deliverTo([{ status: 429, headers: { 'retry-after': '3600' } }]);

    expect(outcome).toMatchObject({ channel: 'webhook', ok: false, attempts: 1 });
    expect(outcome?.error).toContain('asked to wait 3600 s');
    expect(waits).toEqual([]);
  });

  it('does not retry a 400: the same body would be refused again', async () => {
    const { outcome, requests, waits } = await deliverTo([
      { status: 400, body: 'invalid_payload' },
      { status: 200 },
    ]);

    expect(outcome).toMatchObject({ channel: 'webhook', ok: false, attempts: 1 });
    expect(outcome?.error).toContain('answered 400: invalid_payload');
    expect(requests).toHaveLength(1);
    expect(waits).toEqual([]);
  });

  it('says the webhook must be recreated when it is gone (404)', async () => {
    const { outcome } = await deliverTo([{ status: 404, body: 'no_service' }]);

    expect(outcome).toMatchObject({ ok: false, attempts: 1 });
    expect(outcome?.error).toContain('report.webhook.url');
  });

  it('accepts a 202 with no body, as Teams Workflows answer', async () => {
    const { outcome } = await deliverTo([{ status: 202 }]);

    expect(outcome).toEqual({ channel: 'webhook', ok: true, attempts: 1 });
  });

  it('does not follow a redirect, which would send the report elsewhere', async () => {
    const { outcome, requests } = await deliverTo([
      { status: 301, headers: { location: 'http://127.0.0.1:9/x' } },
    ]);

    expect(outcome).toMatchObject({ ok: false, attempts: 1 });
    expect(outcome?.error).toContain('must not redirect');
    expect(requests).toHaveLength(1);
  });

  it('retries an unreachable webhook up to the attempts allowed', async () => {
    hook = await startWebhook([]);
    const url = hook.url;
    await hook.close();
    hook = undefined;
    const { sleep, waits } = recordingSleep();
    const { log } = capturedLog();

    const [outcome] = await deliverReport(reportMessage(), { webhook: { url } }, { log, sleep, retry });

    expect(outcome).toMatchObject({ ok: false, attempts: 4 });
    expect(outcome?.error).toContain('could not be reached (ECONNREFUSED)');
    expect(waits).toHaveLength(3);
  });
});

describe('the webhook body for each chat service', () => {
  it('tells Slack, Teams and other hooks apart by host', () => {
    expect(dialectOf(new URL('https://hooks.slack.com/services/T0/B0/x'))).toBe('slack');
    expect(dialectOf(new URL('https://acme.webhook.office.com/webhookb2/x'))).toBe('teams');
    expect(dialectOf(new URL('https://prod-12.westeurope.logic.azure.com:443/workflows/x'))).toBe('teams');
    expect(
      dialectOf(new URL('https://default1a2b.3c.environment.api.powerplatform.com/powerautomate/x')),
    ).toBe('teams');
    expect(dialectOf(new URL('https://chat.acme.example/hooks/x'))).toBe('markdown');
  });

  it('gives Slack mrkdwn: bold with single stars, headings bold, tables in a monospace block', () => {
    const { text } = webhookBody(
      reportMessage({
        markdown: `${reportMessage().markdown}\n\nSee [the goals](https://wiki.acme.example/goals?a=1&b=2).`,
      }),
      'slack',
    ) as { text: string };

    expect(text).toContain('*Weekly drift report 2026-W47*');
    expect(text).toContain('*2 goals red.* Digital revenue');
    expect(text).not.toContain('**');
    expect(text).toContain('```\ngoal             target  actual\ndigital-revenue  35%     22%\n```');
    expect(text).toContain('• Duplicate tools: Zoom and Webex');
    expect(text).toContain('<https://wiki.acme.example/goals?a=1&amp;b=2|the goals>');
    expect(text).toContain(`Full report: \`${REPORT_FILE}\``);
  });

  it('gives Teams one Adaptive Card with the summary line by line and the report path', () => {
    const body = webhookBody(reportMessage(), 'teams') as {
      type: string;
      attachments: {
        contentType: string;
        content: { type: string; body: { type: string; text: string; weight?: string }[] };
      }[];
    };

    expect(body.type).toBe('message');
    expect(body.attachments).toHaveLength(1);
    const card = body.attachments[0]!;
    expect(card.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(card.content.type).toBe('AdaptiveCard');
    const texts = card.content.body.map((b) => b.text);
    expect(texts).toEqual([
      'Weekly drift report 2026-W47',
      '**2 goals red.** Digital revenue got 22% of the effort against a target of 35%.',
      'goal · target · actual',
      'digital-revenue · 35% · 22%',
      '- Duplicate tools: Zoom and Webex',
      `Full report: ${REPORT_FILE}`,
    ]);
    expect(card.content.body.every((b) => b.type === 'TextBlock')).toBe(true);
  });
});
