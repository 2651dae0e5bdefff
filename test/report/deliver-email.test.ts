import { afterEach, describe, expect, it } from 'vitest';
import { createMetrics } from '../../src/metrics/index.js';
import { deliverReport } from '../../src/report/deliver/index.js';
import {
  PNG_A,
  PNG_B,
  capturedLog,
  recordingSleep,
  reportMessage,
  startSmtp,
  type SmtpSink,
} from './deliver-fixtures.js';

const retry = { attempts: 3, baseMs: 100, maxMs: 1_000 };
let smtp: SmtpSink | undefined;
afterEach(async () => {
  await smtp?.close();
  smtp = undefined;
});

const email = (port: number, auth = '') => ({
  smtp: `smtp://${auth}127.0.0.1:${port}`,
  from: 'bearing@acme.example',
  to: ['cio@acme.example', 'cfo@acme.example'],
});

describe('delivering the report by e-mail', () => {
  it('sends one mail with the subject, a plain-text part, an HTML part and every chart inline', async () => {
    smtp = await startSmtp();
    const message = reportMessage();
    const { log } = capturedLog();

    const outcomes = await deliverReport(message, { email: email(smtp.port) }, { log, retry });

    expect(outcomes).toEqual([{ channel: 'email', ok: true, attempts: 1 }]);
    expect(smtp.received).toHaveLength(1);
    const { mail, raw } = smtp.received[0]!;
    expect(mail.subject).toBe('2026-W47: 2 goals red');
    expect(mail.from?.text).toBe('bearing@acme.example');
    expect([mail.to].flat().map((a) => a?.text)).toEqual(['cio@acme.example, cfo@acme.example']);
    expect(raw).toMatch(/multipart\/alternative/i);
    expect(mail.text?.trim()).toBe(message.text);
    expect(mail.html).toContain('<h1>Weekly drift report 2026-W47</h1>');
    expect(mail.headers.get('auto-submitted')).toBe('auto-generated');

    const images = mail.attachments.filter((a) => a.contentType === 'image/png');
    expect(images).toHaveLength(2);
    for (const [chart, png] of [
      [message.charts[0]!, PNG_A],
      [message.charts[1]!, PNG_B],
    ] as const) {
      const image = images.find((a) => a.cid === chart.cid);
      expect(image, chart.cid).toBeDefined();
      expect(image?.contentDisposition).toBe('inline');
      expect(image?.filename).toBe(chart.filename);
      expect(image?.content.equals(png)).toBe(true);
      expect(mail.html).toContain(`src="cid:${chart.cid}"`);
    }
  });

  it('retries a temporary rejection (451) and delivers on the second attempt', async () => {
    smtp = await startSmtp({
      rejectRecipient: (_to, n) => (n === 1 ? { code: 451, text: '4.3.0 Try again later' } : undefined),
    });
    const { sleep, waits } = recordingSleep();
    const metrics = createMetrics();
    const { log, text } = capturedLog();

    const outcomes = await deliverReport(
      reportMessage(),
      { email: email(smtp.port) },
      { log, metrics, sleep, retry },
    );

    expect(outcomes).toEqual([{ channel: 'email', ok: true, attempts: 2 }]);
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]?.mail.subject).toBe('2026-W47: 2 goals red');
    expect(waits).toHaveLength(1);
    expect(text()).toContain('retrying');
    const { body } = await metrics.render();
    expect(body).toContain('bearing_report_deliveries_total{channel="email",outcome="delivered"} 1');
  });

  it('retries only the recipient a server deferred, so nobody gets the report twice', async () => {
    smtp = await startSmtp({
      rejectRecipient: (to, n) =>
        n === 1 && to === 'cfo@acme.example' ? { code: 452, text: '4.2.2 Mailbox full' } : undefined,
    });
    const { sleep } = recordingSleep();
    const { log } = capturedLog();

    const outcomes = await deliverReport(reportMessage(), { email: email(smtp.port) }, { log, sleep, retry });

    expect(outcomes).toEqual([{ channel: 'email', ok: true, attempts: 2 }]);
    expect(smtp.transactions).toEqual([['cio@acme.example', 'cfo@acme.example'], ['cfo@acme.example']]);
    expect(smtp.received).toHaveLength(2);
  });

  it('gives up at once on a rejected password and says which setting to fix', async () => {
    smtp = await startSmtp({ login: { user: 'bearing', password: 'right-horse-battery' } });
    const { sleep, waits } = recordingSleep();
    const { log } = capturedLog();

    const [outcome] = await deliverReport(
      reportMessage(),
      { email: email(smtp.port, 'bearing:wrong-staple-9@') },
      { log, sleep, retry },
    );

    expect(outcome).toMatchObject({ channel: 'email', ok: false, attempts: 1 });
    expect(outcome?.error).toContain('535');
    expect(outcome?.error).toContain('report.email.smtp');
    expect(waits).toEqual([]);
    expect(smtp.received).toHaveLength(0);
  });

  it('sends with the credentials in the SMTP URL', async () => {
    smtp = await startSmtp({ login: { user: 'bearing', password: 'p@ss:word/1' } });
    const { log } = capturedLog();

    const [outcome] = await deliverReport(
      reportMessage(),
      { email: email(smtp.port, `bearing:${encodeURIComponent('p@ss:word/1')}@`) },
      { log, retry },
    );

    expect(outcome).toEqual({ channel: 'email', ok: true, attempts: 1 });
    expect(smtp.received).toHaveLength(1);
  });

  it('retries an unreachable server with backoff within the attempts, then reports the failure', async () => {
    smtp = await startSmtp();
    const port = smtp.port;
    await smtp.close();
    smtp = undefined;
    const { sleep, waits } = recordingSleep();
    const { log } = capturedLog();

    const [outcome] = await deliverReport(
      reportMessage(),
      { email: email(port) },
      { log, sleep, retry, random: () => 1 },
    );

    expect(outcome).toMatchObject({ channel: 'email', ok: false, attempts: 3 });
    expect(outcome?.error).toContain(`127.0.0.1:${port}`);
    expect(waits).toEqual([100, 200]);
  });
});
