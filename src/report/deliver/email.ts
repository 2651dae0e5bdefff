import nodemailer, { type NodemailerError } from 'nodemailer';
import { BearingError, maskSecrets, type ErrorKind } from '../../core/index.js';
import type { ReportMessage } from './message.js';

export interface EmailSettings {
  /** `smtp://host:25` or `smtps://user:password@host:465`; may carry a password. */
  smtp: string;
  from: string;
  to: readonly string[];
}

export interface EmailSender {
  /** Where it sends, safe to log: "e-mail via mail.example:25". */
  target: string;
  /** One attempt; throws a BearingError whose kind says whether to retry. */
  send(message: ReportMessage, signal: AbortSignal | undefined): Promise<void>;
  close(): void;
}

export interface EmailOptions {
  /** Connecting, waiting for the greeting, and any silence within the session. @default 30000 */
  timeoutMs?: number;
}

/**
 * A nodemailer SMTP transport from the configured URL. nodemailer upgrades `smtp://` with STARTTLS
 * when the server offers it; `smtps://` is TLS from the start.
 */
export function createEmailSender(settings: EmailSettings, options: EmailOptions = {}): EmailSender {
  const url = new URL(settings.smtp);
  const port = url.port || (url.protocol === 'smtps:' ? '465' : '587');
  const target = `e-mail via ${url.hostname}:${port}`;
  const password = url.password;
  const secrets = password ? [password, decodeURIComponent(password)] : [];
  const timeoutMs = options.timeoutMs ?? 30_000;
  const transport = nodemailer.createTransport({
    url: settings.smtp,
    connectionTimeout: timeoutMs,
    greetingTimeout: timeoutMs,
    socketTimeout: timeoutMs,
    dnsTimeout: timeoutMs,
    logger: false,
  });

  // Recipients still waiting for the report: a retry goes only to those a server deferred, so
  // nobody gets it twice.
  let pending = [...settings.to];
  return {
    target,
    async send(message, signal) {
      let info: { accepted: unknown[]; rejected: unknown[]; rejectedErrors?: NodemailerError[] };
      try {
        info = await transport.sendMail({
          from: settings.from,
          to: pending,
          subject: message.subject,
          text: message.text,
          html: message.mailHtml,
          attachments: message.charts.map((chart) => ({
            filename: chart.filename,
            content: Buffer.from(chart.png),
            contentType: 'image/png',
            cid: chart.cid,
            contentDisposition: 'inline' as const,
          })),
          headers: {
            // RFC 3834: an automatic message; well-behaved servers send no vacation replies to it.
            'Auto-Submitted': 'auto-generated',
            // Exchange's equivalent of the above.
            'X-Auto-Response-Suppress': 'All',
          },
          ...(signal ? { signal } : {}),
        });
      } catch (error) {
        throw smtpError(error as NodemailerError, target, secrets);
      }
      const rejected = new Set(info.rejected.map(String));
      if (rejected.size === 0) return;
      pending = pending.filter((to) => rejected.has(to));
      // Some recipients were accepted: the error is about the others only.
      const first =
        info.rejectedErrors?.find((e) => (e.responseCode ?? 500) < 500) ?? info.rejectedErrors?.[0];
      const error = smtpError(first ?? new Error('recipient refused'), target, secrets);
      throw new BearingError(
        error.kind,
        `${error.message} (not sent to ${pending.join(', ')}; the others have it)`,
        {
          status: error.status,
        },
      );
    },
    close() {
      transport.close();
    },
  };
}

const AUTH_REPLIES = new Set([530, 534, 535, 538]);
const NETWORK_CODES = new Set(['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'EPROXY']);

/**
 * What an SMTP failure means. RFC 5321: a 4yz reply is transient, a 5yz reply permanent (503,
 * "bad sequence of commands", is about the session, not the message). With no reply, a broken
 * or silent connection is transient; failed authentication and TLS are for the admin to fix.
 */
function smtpError(error: NodemailerError, target: string, secrets: readonly string[]): BearingError {
  if (error.code === 'EABORT') return new BearingError('fatal', `${target}: stopped (shutdown)`);
  const reply = error.responseCode;
  let kind: ErrorKind;
  if (reply !== undefined && reply >= 400) {
    if (reply < 500 || reply === 503) kind = 'transient';
    else kind = AUTH_REPLIES.has(reply) || error.code === 'EAUTH' ? 'auth' : 'fatal';
  } else if (error.code === 'EAUTH' || error.code === 'ENOAUTH') {
    kind = 'auth';
  } else {
    kind = NETWORK_CODES.has(error.code ?? '') ? 'transient' : 'fatal';
  }
  const text = (error.message ?? String(error)).replace(/\s+/g, ' ').trim();
  return new BearingError(kind, maskSecrets(`${target}: ${text}${hintFor(kind, error)}`, secrets), {
    ...(reply === undefined ? {} : { status: reply }),
    details: { code: error.code, reply },
  });
}

function hintFor(kind: ErrorKind, error: NodemailerError): string {
  if (kind === 'auth') return ' — check the user and password in report.email.smtp';
  if (kind !== 'fatal') return '';
  if (error.command === 'RCPT TO') return ' — the server refused the recipients in report.email.to';
  if (error.command === 'MAIL FROM') return ' — the server refused the sender report.email.from';
  if (error.code === 'ETLS')
    return ' — TLS failed: smtps:// is for port 465, smtp:// (STARTTLS) for 25 and 587';
  return '';
}
