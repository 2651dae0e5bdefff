import { z } from 'zod';
import {
  distinctFieldNames,
  hostOf,
  httpUrlSchema,
  isHttps,
  noDuplicates,
  rateLimitSchema,
  secretSchema,
  timeoutMsSchema,
  tlsSchema,
} from './common.js';
import { sweepEverySchema } from './jira.js';

/** The tables bearing can read, each mapped to a work-item kind by the connector. */
export const SERVICENOW_TABLES = [
  'incident',
  'sc_req_item',
  'change_request',
  'pm_project',
  'dmn_demand',
] as const;
export type ServiceNowTable = (typeof SERVICENOW_TABLES)[number];

/** `{ user, password }` (Basic auth) or `{ token }` (an OAuth 2.0 bearer token) in the file. */
export type ServiceNowAuth =
  { type: 'basic'; user: string; password: string } | { type: 'bearer'; token: string };

const AUTH_SHAPES = '{ user, password } or { token }';

const serviceNowAuthSchema = z
  .strictObject({
    user: z.string().trim().min(1).optional(),
    password: secretSchema.optional(),
    token: secretSchema.optional(),
  })
  .transform((auth, ctx): ServiceNowAuth => {
    const basic = auth.user !== undefined || auth.password !== undefined;
    const bearer = auth.token !== undefined;
    if (basic === bearer) {
      ctx.addIssue({
        code: 'custom',
        message: basic ? `give only one of ${AUTH_SHAPES}` : `give one of ${AUTH_SHAPES}`,
      });
      return z.NEVER;
    }
    if (auth.token !== undefined) return { type: 'bearer', token: auth.token };
    if (auth.user === undefined || auth.password === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: [auth.user === undefined ? 'user' : 'password'],
        message: auth.user === undefined ? 'is required with password' : 'is required with user',
      });
      return z.NEVER;
    }
    return { type: 'basic', user: auth.user, password: auth.password };
  });

const columnSchema = z
  .string()
  .trim()
  .regex(/^[a-z][a-z0-9_]*$/, 'must be a column name: lower-case letters, digits and _ (u_alignment_score)');

/** Columns bearing writes; `bearing setup` checks that they exist. */
const serviceNowFieldsSchema = z
  .strictObject({
    /** @default "u_alignment_score" */
    score: columnSchema.default('u_alignment_score'),
    /** @default "u_business_goal" */
    goal: columnSchema.default('u_business_goal'),
    /** @default "u_alignment_flags" */
    flags: columnSchema.default('u_alignment_flags'),
  })
  .prefault({})
  .superRefine((fields, ctx) => distinctFieldNames(fields, ctx));

export const serviceNowSchema = z
  .strictObject({
    /** Instance URL: `https://acme.service-now.com`. */
    url: httpUrlSchema,
    auth: serviceNowAuthSchema,
    /** @default all five */
    tables: z
      .array(z.enum(SERVICENOW_TABLES))
      .min(1)
      .default([...SERVICENOW_TABLES])
      .superRefine((tables, ctx) => noDuplicates(tables, ctx, 'table')),
    /**
     * An encoded query ANDed to every table's scope. `^NQ` would OR a second query past bearing's
     * own window clause, and ORDERBY would break keyset paging, so both are refused.
     */
    query: z
      .string()
      .trim()
      .min(1)
      .refine((q) => !q.includes('^NQ'), 'must not contain ^NQ: a second query would escape the sync window')
      .refine((q) => !/ORDERBY/i.test(q), 'must not contain ORDERBY; bearing orders results itself')
      .optional(),
    fields: serviceNowFieldsSchema,
    rateLimit: rateLimitSchema,
    timeoutMs: timeoutMsSchema,
    tls: tlsSchema,
    /** Send writes through the Batch API (`/api/now/v1/batch`) instead of one PATCH each. @default false */
    batch: z.boolean().default(false),
    /** How often each table is swept for deleted records (sys_ids only, 10,000 a page). */
    sweepEvery: sweepEverySchema,
  })
  .superRefine((sn, ctx) => {
    if (hostOf(sn.url).endsWith('.service-now.com') && !isHttps(sn.url)) {
      ctx.addIssue({
        code: 'custom',
        path: ['url'],
        message: 'must use https:// for a ServiceNow cloud instance',
      });
    }
  });
export type ServiceNowConfig = z.infer<typeof serviceNowSchema>;
