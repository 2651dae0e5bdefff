import { join } from 'node:path';
import { bodyExcerpt, kindOfStatus, retryAfterMs } from '../../core/http-errors.js';
import { BearingError, maskSecrets } from '../../core/index.js';
import { toSlackMrkdwn, toTeamsLines } from './chat-text.js';
import type { ReportMessage } from './message.js';

export interface WebhookSettings {
  /** The incoming-webhook URL; a secret (Slack and Teams carry the token in its path). */
  url: string;
}

/**
 * Which JSON a webhook gets, told by its host.
 * - `slack`: `{ text }` in mrkdwn. Slack incoming webhooks take `text` and render mrkdwn in it
 *   (https://api.slack.com/messaging/webhooks); Markdown's `**bold**` and `[label](url)` would show
 *   as typed.
 * - `teams`: a `message` with one Adaptive Card. Teams Workflows webhooks (the "When a Teams
 *   webhook request is received" trigger that replaces the retired Office 365 connectors) accept
 *   Adaptive Cards only, and classic incoming webhooks accept the same envelope
 *   (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).
 *   A top-level `text` is left out: a classic connector would show it above the card, twice.
 * - `markdown`: `{ text }` with the Markdown unchanged, for the Slack-compatible webhooks of
 *   Mattermost, Rocket.Chat and the like, which render Markdown.
 */
export type WebhookDialect = 'slack' | 'teams' | 'markdown';

const TEAMS_HOST =
  /(^|\.)(webhook\.office\.com|outlook\.office\.com|outlook\.office365\.com|logic\.azure\.com|powerplatform\.com|powerautomate\.com)$/;
const SLACK_HOST = /(^|\.)(slack\.com|slack-gov\.com)$/;

export function dialectOf(url: URL): WebhookDialect {
  const host = url.hostname.toLowerCase();
  if (SLACK_HOST.test(host)) return 'slack';
  if (TEAMS_HOST.test(host)) return 'teams';
  return 'markdown';
}

/**
 * Long enough for any weekly summary; beyond it the text is cut at a line (Slack truncates `text`
 * past 40,000 characters, Teams refuses messages over about 28 KB).
 */
const MAX_SUMMARY_CHARS = 12_000;

function shortened(markdown: string): string {
  if (markdown.length <= MAX_SUMMARY_CHARS) return markdown;
  const cut = markdown.slice(0, markdown.lastIndexOf('\n', MAX_SUMMARY_CHARS));
  return `${cut}\n\n… (shortened; the full report is in the file below)`;
}

/** Where the report lies, for readers of the chat message. */
export const reportFile = (message: ReportMessage): string => join(message.dir, 'report.html');

/** The JSON body for the webhook's dialect: the Markdown summary and the report's file path. */
export function webhookBody(message: ReportMessage, dialect: WebhookDialect): Record<string, unknown> {
  const summary = shortened(message.markdown).trim();
  const file = reportFile(message);
  if (dialect === 'slack') return { text: `${toSlackMrkdwn(summary)}\n\nFull report: \`${file}\`` };
  if (dialect === 'markdown') return { text: `${summary}\n\nFull report: \`${file}\`` };
  const lines = [...toTeamsLines(summary), { text: `Full report: ${file}`, emphasis: 'monospace' as const }];
  return {
    type: 'message',
    attachments: [
      {
        contentType: 'application/vnd.microsoft.card.adaptive',
        contentUrl: null,
        content: {
          $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
          type: 'AdaptiveCard',
          version: '1.4',
          msteams: { width: 'Full' },
          body: lines.map((line) => ({
            type: 'TextBlock',
            text: line.text,
            wrap: true,
            ...(line.heading ? { size: line.heading, weight: 'Bolder' } : {}),
            ...(line.emphasis === 'bold' ? { weight: 'Bolder' } : {}),
            ...(line.emphasis === 'monospace' ? { fontType: 'Monospace' } : {}),
          })),
        },
      },
    ],
  };
}

export interface WebhookSender {
  /** Where it posts, safe to log: "the webhook at hooks.slack.com". */
  target: string;
  /** One attempt; throws a BearingError whose kind says whether to retry. */
  send(message: ReportMessage, signal: AbortSignal | undefined): Promise<void>;
}

export interface WebhookOptions {
  /** Per attempt. @default 30000 */
  timeoutMs?: number;
  now?: () => number;
}

export function createWebhookSender(settings: WebhookSettings, options: WebhookOptions = {}): WebhookSender {
  const url = new URL(settings.url);
  const target = `the webhook at ${url.host}`;
  const dialect = dialectOf(url);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const now = options.now ?? Date.now;
  // An answer could echo the URL; nothing derived from it may reach a message.
  const secrets = [settings.url, url.pathname + url.search, decodeURIComponent(url.pathname)];
  const fail = (
    kind: BearingError['kind'],
    text: string,
    extra: { status?: number; retryAfterMs?: number } = {},
  ) =>
    new BearingError(kind, maskSecrets(`${target} ${text}`, secrets), {
      ...extra,
      details: { host: url.host },
    });

  return {
    target,
    async send(message, signal) {
      const timeout = AbortSignal.timeout(timeoutMs);
      let response: Response;
      let body: string;
      try {
        response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json; charset=utf-8', 'user-agent': 'bearing' },
          body: JSON.stringify(webhookBody(message, dialect)),
          // A webhook that redirects is misconfigured; following would re-send the report elsewhere.
          redirect: 'manual',
          signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
        });
        body = await response.text();
      } catch (error) {
        if (timeout.aborted) throw fail('transient', `did not answer within ${timeoutMs / 1000} s`);
        if (signal?.aborted) throw fail('fatal', 'was not reached: stopped (shutdown)');
        throw fail('transient', `could not be reached (${transportCode(error)})`);
      }
      const status = response.status;
      const excerpt = bodyExcerpt(body, 200);
      if (status >= 200 && status < 300) {
        const refusal = refusalIn2xx(dialect, body);
        if (refusal)
          throw fail(refusal.kind, `answered ${status} but refused the message: ${excerpt}`, { status });
        return;
      }
      const kind = status >= 300 && status < 400 ? 'config' : kindOfStatus(status);
      const waitMs =
        status === 429 || status === 503 ? retryAfterMs((h) => response.headers.get(h), now()) : undefined;
      throw fail(kind, `answered ${status}${excerpt ? `: ${excerpt}` : ''}${hintFor(status, dialect)}`, {
        status,
        ...(waitMs === undefined ? {} : { retryAfterMs: waitMs }),
      });
    },
  };
}

/**
 * Slack answers a delivered message with the body `ok` (workflow triggers with `{"ok":true}`). A classic Teams connector answers 200
 * even when Teams refused the message, saying so in the body ("Webhook message delivery failed
 * with error: Microsoft Teams endpoint returned HTTP error 429 …"); the status inside decides.
 */
function refusalIn2xx(dialect: WebhookDialect, body: string): { kind: BearingError['kind'] } | undefined {
  if (dialect === 'slack' && body.trim() !== 'ok' && !/"ok"\s*:\s*true/.test(body))
    return { kind: 'invalidData' };
  if (dialect === 'teams' && /delivery failed|returned HTTP error/i.test(body)) {
    const inner = /HTTP error (\d{3})/i.exec(body)?.[1];
    return { kind: inner ? kindOfStatus(Number(inner)) : 'transient' };
  }
  return undefined;
}

function hintFor(status: number, dialect: WebhookDialect): string {
  if (status >= 300 && status < 400)
    return ' — a webhook must not redirect; put the final URL in report.webhook.url';
  if (status === 401 || status === 403 || status === 404 || status === 410) {
    const what = dialect === 'teams' ? 'the workflow or connector' : 'the webhook';
    return ` — ${what} was removed, disabled or its channel archived; create a new one and update report.webhook.url`;
  }
  return '';
}

function transportCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  return typeof cause?.code === 'string' ? cause.code : 'network error';
}
