import { z } from 'zod';
import {
  distinctFieldNames,
  hostOf,
  httpUrlSchema,
  isHttps,
  rateLimitSchema,
  secretSchema,
  timeoutMsSchema,
  tlsSchema,
} from './common.js';

/**
 * How bearing signs in to Jira. In the file it is one of `{ email, token }` (Cloud API token, sent
 * as Basic auth), `{ pat }` (Data Center personal access token) or `{ bearer }` (an OAuth 2.0
 * access token); `type` tells them apart after parsing.
 */
export type JiraAuth =
  | { type: 'basic'; email: string; token: string }
  | { type: 'pat'; pat: string }
  | { type: 'bearer'; bearer: string };

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/**
 * How often a system's scopes are swept for deleted tickets: a duration such as `24h`, `90m` or `7d`,
 * parsed to milliseconds. @default "24h"
 */
export const sweepEverySchema = z
  .string()
  .trim()
  .default('24h')
  .transform((value, ctx) => {
    const m = /^(\d+)\s*([mhd])$/.exec(value);
    const ms = m ? Number(m[1]) * UNIT_MS[m[2] as keyof typeof UNIT_MS] : 0;
    if (ms <= 0) {
      ctx.addIssue({
        code: 'custom',
        message: `must be a duration like 24h, 90m or 7d (minutes, hours or days), got "${value}"`,
      });
      return z.NEVER;
    }
    return ms;
  });

const AUTH_SHAPES = '{ email, token } (Cloud API token), { pat } (Data Center) or { bearer } (OAuth 2.0)';

const jiraAuthSchema = z
  .strictObject({
    email: z.email().optional(),
    token: secretSchema.optional(),
    pat: secretSchema.optional(),
    bearer: secretSchema.optional(),
  })
  .transform((auth, ctx): JiraAuth => {
    const basic = auth.email !== undefined || auth.token !== undefined;
    const shapes = [basic, auth.pat !== undefined, auth.bearer !== undefined].filter(Boolean).length;
    if (shapes !== 1) {
      ctx.addIssue({
        code: 'custom',
        message: shapes === 0 ? `give one of ${AUTH_SHAPES}` : `give only one of ${AUTH_SHAPES}`,
      });
      return z.NEVER;
    }
    if (auth.pat !== undefined) return { type: 'pat', pat: auth.pat };
    if (auth.bearer !== undefined) return { type: 'bearer', bearer: auth.bearer };
    if (auth.email === undefined || auth.token === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [auth.email === undefined ? 'email' : 'token'],
        message: auth.email === undefined ? 'is required with token' : 'is required with email',
      });
      return z.NEVER;
    }
    return { type: 'basic', email: auth.email, token: auth.token };
  });

/** Names of the three Jira custom fields bearing writes (found or created by `bearing setup`). */
const jiraFieldsSchema = z
  .strictObject({
    /** @default "Alignment Score" */
    score: z.string().trim().min(1).default('Alignment Score'),
    /** @default "Business Goal" */
    goal: z.string().trim().min(1).default('Business Goal'),
    /** @default "Alignment Flags" */
    flags: z.string().trim().min(1).default('Alignment Flags'),
  })
  .prefault({})
  .superRefine((fields, ctx) => distinctFieldNames(fields, ctx));

export const jiraSchema = z
  .strictObject({
    /** Site URL: `https://acme.atlassian.net` or the Data Center base URL (context path included). */
    url: httpUrlSchema,
    /** Detected from /rest/api/2/serverInfo when absent. */
    deployment: z.enum(['cloud', 'datacenter']).optional(),
    auth: jiraAuthSchema,
    /** The scope; bearing adds its own `updated >=` clause and ordering. */
    jql: z
      .string()
      .trim()
      .min(1, 'must not be empty: give the JQL that selects the work in scope, e.g. project in (SHOP, OPS)')
      .refine(
        (jql) => !/\border\s+by\b/i.test(jql),
        'must not contain ORDER BY; bearing orders results itself',
      ),
    fields: jiraFieldsSchema,
    effort: z
      .strictObject({
        /** Story points field id (`customfield_10016`); found by name when absent. */
        storyPoints: z.string().trim().min(1).optional(),
      })
      .prefault({}),
    rateLimit: rateLimitSchema,
    timeoutMs: timeoutMsSchema,
    tls: tlsSchema,
    /** How often each project is swept for deleted issues (ids only, ceil(N / 5,000) searches). */
    sweepEvery: sweepEverySchema,
  })
  .superRefine((jira, ctx) => {
    // Cloud sites live under atlassian.net; OAuth 2.0 apps call them through api.atlassian.com/ex/jira/{cloudId}.
    const host = hostOf(jira.url);
    const cloudHost = host.endsWith('.atlassian.net') || host === 'api.atlassian.com';
    const cloud = jira.deployment === 'cloud' || cloudHost;
    if (cloud && !isHttps(jira.url)) {
      ctx.addIssue({ code: 'custom', path: ['url'], message: 'must use https:// for Jira Cloud' });
    }
    if (jira.deployment === 'datacenter' && cloudHost) {
      ctx.addIssue({
        code: 'custom',
        path: ['deployment'],
        message: `${host} is Jira Cloud; set deployment: cloud or leave it out`,
      });
    }
    if (cloud && jira.auth.type === 'pat') {
      ctx.addIssue({
        code: 'custom',
        path: ['auth', 'pat'],
        message:
          'personal access tokens are a Data Center feature; Jira Cloud takes { email, token } or { bearer }',
      });
    }
  });
export type JiraConfig = z.infer<typeof jiraSchema>;
