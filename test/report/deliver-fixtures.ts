import { once } from 'node:events';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerAddress, type SMTPServerAuthentication } from 'smtp-server';
import { createLogger, type Logger } from '../../src/core/index.js';
import type { ReportMessage } from '../../src/report/deliver/index.js';

/** Two valid 1×1 PNGs with different bytes. */
export const PNG_A = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
export const PNG_B = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

export const SUMMARY = [
  '# Weekly drift report 2026-W47',
  '',
  '**2 goals red.** Digital revenue got 22% of the effort against a target of 35%.',
  '',
  '| goal | target | actual |',
  '|---|---|---|',
  '| digital-revenue | 35% | 22% |',
  '',
  '- Duplicate tools: Zoom and Webex',
].join('\n');

export function reportMessage(overrides: Partial<ReportMessage> = {}): ReportMessage {
  return {
    week: '2026-W47',
    subject: '2026-W47: 2 goals red',
    text: SUMMARY,
    markdown: SUMMARY,
    mailHtml:
      '<html><body><h1>Weekly drift report 2026-W47</h1>' +
      '<img src="cid:allocation@bearing" alt="allocation"><img src="cid:trend@bearing" alt="trend"></body></html>',
    charts: [
      { cid: 'allocation@bearing', filename: 'allocation.png', png: new Uint8Array(PNG_A) },
      { cid: 'trend@bearing', filename: 'trend.png', png: new Uint8Array(PNG_B) },
    ],
    dir: '/var/lib/bearing/out/2026-W47',
    ...overrides,
  };
}

/** A pino logger writing into memory, with no secret masking: what it holds is what the code logged. */
export function capturedLog(): { log: Logger; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination: stream }), text: () => chunks.join('') };
}

export interface SmtpOptions {
  /** Answer to RCPT TO in the n-th mail transaction (1-based); undefined accepts. */
  rejectRecipient?: (address: string, transaction: number) => { code: number; text: string } | undefined;
  /** Credentials the server requires; none means any client may send. */
  login?: { user: string; password: string };
}

export interface SmtpSink {
  port: number;
  received: { mail: ParsedMail; raw: string }[];
  /** Recipients of each mail transaction (MAIL FROM) in turn, accepted or not. */
  transactions: string[][];
  close: () => Promise<void>;
}

/** A real SMTP server on a loopback port that parses every message it accepts. */
export async function startSmtp(options: SmtpOptions = {}): Promise<SmtpSink> {
  const received: { mail: ParsedMail; raw: string }[] = [];
  const transactions: string[][] = [];
  const server = new SMTPServer({
    authOptional: options.login === undefined,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onAuth(auth: SMTPServerAuthentication, _session, callback) {
      const ok = auth.username === options.login?.user && auth.password === options.login?.password;
      if (!ok) return callback(new Error('Authentication failed'));
      callback(null, { user: auth.username });
    },
    onMailFrom(_address, _session, callback) {
      transactions.push([]);
      callback();
    },
    onRcptTo(address: SMTPServerAddress, _session, callback) {
      transactions.at(-1)?.push(address.address);
      const rejection = options.rejectRecipient?.(address.address, transactions.length);
      if (!rejection) return callback();
      callback(Object.assign(new Error(rejection.text), { responseCode: rejection.code }));
    },
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw, { keepCidLinks: true }).then(
          (mail) => {
            received.push({ mail, raw: raw.toString('utf8') });
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    transactions,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface HookRequest {
  path: string;
  contentType: string | undefined;
  body: unknown;
}

export type HookAnswer = { status: number; body?: string; headers?: Record<string, string> };

export interface WebhookSink {
  /** The hook's URL; its path plays the secret token. */
  url: string;
  requests: HookRequest[];
  close: () => Promise<void>;
}

/** A local HTTP server standing in for a chat webhook, answering each request in turn. */
export async function startWebhook(
  answers: readonly HookAnswer[],
  token = 'T0KEN/B0T/s3cr3tHookToken',
): Promise<WebhookSink> {
  const requests: HookRequest[] = [];
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      requests.push({
        path: req.url ?? '',
        contentType: req.headers['content-type'],
        body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
      });
      const answer = answers[Math.min(requests.length, answers.length) - 1] ?? { status: 200, body: 'ok' };
      res.writeHead(answer.status, { 'content-type': 'text/plain', ...answer.headers });
      res.end(answer.body ?? '');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/services/${token}`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A sleep that returns at once and remembers what it was asked to wait. */
export function recordingSleep(): { sleep: (ms: number) => Promise<void>; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms) => (waits.push(ms), Promise.resolve()) };
}
