import { setTimeout as delay } from 'node:timers/promises';
import type { ReportConfig } from '../../config/index.js';
import type { Logger } from '../../core/log.js';
import type { Metrics } from '../../metrics/index.js';
import { createEmailSender } from './email.js';
import type { ReportMessage } from './message.js';
import { DEFAULT_DELIVERY_RETRY, withRetry, type DeliveryRetry } from './retry.js';
import { createWebhookSender } from './webhook.js';

export type { ReportMessage, ReportChart } from './message.js';
export { DEFAULT_DELIVERY_RETRY, type DeliveryRetry } from './retry.js';
export { webhookBody, dialectOf, type WebhookDialect } from './webhook.js';

export type DeliveryChannel = 'email' | 'webhook';

/** How one channel's delivery ended. */
export interface DeliveryOutcome {
  channel: DeliveryChannel;
  ok: boolean;
  /** Attempts made (0 when stopped before the first). */
  attempts: number;
  /** Why it failed, naming the host but never a URL or a password. */
  error?: string;
}

export type DeliverySettings = Pick<ReportConfig, 'email' | 'webhook'>;

export interface DeliveryDeps {
  log: Logger;
  metrics?: Pick<Metrics, 'recordDelivery'>;
  /** Ends retrying on shutdown; an attempt in flight is cut short where the channel allows. */
  signal?: AbortSignal;
  /** Waits between attempts; tests pass one that records. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  retry?: DeliveryRetry;
  /** Source of the backoff jitter. @default Math.random */
  random?: () => number;
}

interface Sender {
  target: string;
  send: (message: ReportMessage, signal: AbortSignal | undefined) => Promise<void>;
  close?: () => void;
}

interface Channel {
  channel: DeliveryChannel;
  open: () => Sender;
}

/**
 * Sends the rendered report through every configured channel (e-mail, webhook) at once. The
 * report files are already on disk: a failed channel loses nothing. Channels are independent; a
 * failure is retried as its kind allows, logged, counted in `bearing_report_deliveries_total`, and
 * returned, never thrown.
 */
export async function deliverReport(
  message: ReportMessage,
  settings: DeliverySettings,
  deps: DeliveryDeps,
): Promise<DeliveryOutcome[]> {
  const channels: Channel[] = [];
  const { email, webhook } = settings;
  if (email) channels.push({ channel: 'email', open: () => createEmailSender(email) });
  if (webhook) channels.push({ channel: 'webhook', open: () => createWebhookSender(webhook) });
  return Promise.all(channels.map((channel) => deliverOne(message, channel, deps)));
}

async function deliverOne(message: ReportMessage, ch: Channel, deps: DeliveryDeps): Promise<DeliveryOutcome> {
  const log = deps.log.child({ stage: 'report', channel: ch.channel, week: message.week });
  let sender: Sender | undefined;
  const result = await withRetry(
    (signal) => {
      sender ??= ch.open();
      return sender.send(message, signal);
    },
    {
      retry: deps.retry ?? DEFAULT_DELIVERY_RETRY,
      sleep: deps.sleep ?? ((ms, signal) => delay(ms, undefined, { signal }).catch(() => undefined)),
      random: deps.random ?? Math.random,
      signal: deps.signal,
      onRetry: (error, attempt, delayMs) =>
        log.warn(
          { attempt, retryInMs: delayMs, kind: error.kind },
          `report delivery failed, retrying: ${error.message}`,
        ),
    },
  );
  sender?.close?.();
  if (result.error === undefined) {
    deps.metrics?.recordDelivery(ch.channel, 'delivered');
    log.info(
      { attempts: result.attempts },
      `report ${message.week} delivered by ${sender?.target ?? ch.channel}`,
    );
    return { channel: ch.channel, ok: true, attempts: result.attempts };
  }
  deps.metrics?.recordDelivery(ch.channel, 'failed');
  log.error(
    { attempts: result.attempts, kind: result.error.kind },
    `report ${message.week} not delivered (the files in ${message.dir} are complete): ${result.error.message}`,
  );
  return { channel: ch.channel, ok: false, attempts: result.attempts, error: result.error.message };
}
