import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.js';
import { deliverReport } from '../../src/report/deliver/index.js';
import {
  capturedLog,
  recordingSleep,
  reportMessage,
  startSmtp,
  startWebhook,
  type SmtpSink,
  type WebhookSink,
} from './deliver-fixtures.js';

const retry = { attempts: 3, baseMs: 100, maxMs: 1_000 };
let smtp: SmtpSink | undefined;
let hook: WebhookSink | undefined;
afterEach(async () => {
  await smtp?.close();
  await hook?.close();
  smtp = hook = undefined;
});

const email = (port: number, auth = '') => ({
  smtp: `smtp://${auth}127.0.0.1:${port}`,
  from: 'bearing@acme.example',
  to: ['cio@acme.example'],
});

describe('delivering the report through every channel', () => {
  it('still delivers to the webhook when the mail server refuses the recipient for good', async () => {
    smtp = await startSmtp({ rejectRecipient: () => ({ code: 550, text: '5.1.1 No such user' }) });
    hook = await startWebhook([{ status: 200, body: 'ok' }]);
    const metrics = createMetrics();
    const { sleep, waits } = recordingSleep();
    const { log } = capturedLog();

    const outcomes = await deliverReport(
      reportMessage(),
      { email: email(smtp.port), webhook: { url: hook.url } },
      { log, metrics, sleep, retry },
    );

    expect(outcomes).toEqual([
      { channel: 'email', ok: false, attempts: 1, error: expect.stringContaining('550 5.1.1 No such user') },
      { channel: 'webhook', ok: true, attempts: 1 },
    ]);
    expect(outcomes[0]?.error).toContain('report.email.to');
    expect(smtp.transactions).toHaveLength(1);
    expect(waits).toEqual([]);
    const { body } = await metrics.render();
    expect(body).toContain('bearing_report_deliveries_total{channel="email",outcome="failed"} 1');
    expect(body).toContain('bearing_report_deliveries_total{channel="webhook",outcome="delivered"} 1');
  });

  it('sends nothing and reports nothing when no channel is configured', async () => {
    const { log, text } = capturedLog();
    expect(await deliverReport(reportMessage(), {}, { log })).toEqual([]);
    expect(text()).toBe('');
  });

  it('stops retrying on shutdown and reports the delivery as not done', async () => {
    hook = await startWebhook([{ status: 503 }]);
    const controller = new AbortController();
    const { log } = capturedLog();

    const [outcome] = await deliverReport(
      reportMessage(),
      { webhook: { url: hook.url } },
      {
        log,
        retry,
        signal: controller.signal,
        sleep: () => (controller.abort(), Promise.resolve()),
      },
    );

    expect(outcome).toMatchObject({ channel: 'webhook', ok: false, attempts: 1 });
    expect(outcome?.error).toContain('shutdown');
    expect(hook.requests).toHaveLength(1);
  });

  it('never puts the SMTP password or the webhook URL in a log line or an error', async () => {
    const password = 'Tr0ub4dor-and-3';
    const token = 'T024BE7LD/B0AAAAAAA/xoxWebhookSecret42';
    smtp = await startSmtp({ login: { user: 'bearing', password: 'something-else' } });
    // The hook fails in every way that could echo the request back.
    hook = await startWebhook(
      [
        { status: 500, body: `error posting to /services/${token}` },
        { status: 404, body: `no such hook: /services/${token}` },
      ],
      token,
    );
    const { sleep } = recordingSleep();
    const { log, text } = capturedLog();

    const outcomes = await deliverReport(
      reportMessage(),
      { email: email(smtp.port, `bearing:${password}@`), webhook: { url: hook.url } },
      { log, sleep, retry },
    );

    expect(outcomes.map((o) => o.ok)).toEqual([false, false]);
    const seen = [text(), ...outcomes.map((o) => o.error ?? '')].join('\n');
    expect(text()).toContain('retrying');
    expect(text()).toContain('127.0.0.1');
    for (const secret of [password, token, 'xoxWebhookSecret42', hook.url, '/services/']) {
      expect(seen).not.toContain(secret);
    }
  });
});
