import { z } from 'zod';
import { analysisSettingsSchema } from '../../model/index.js';
import {
  LOG_LEVELS,
  cronSchema,
  httpUrlSchema,
  pathSchema,
  regexSourceSchema,
  timeZoneSchema,
} from './common.js';
import { jiraSchema } from './jira.js';
import { serviceNowSchema } from './servicenow.js';
import { storeSchema } from './store.js';

export const scheduleSchema = z
  .strictObject({
    /** When a sync cycle starts. @default "*\/15 * * * *" */
    sync: cronSchema.default('*/15 * * * *'),
    /** When the weekly report is built and sent. @default "0 8 * * MON" */
    report: cronSchema.default('0 8 * * MON'),
    /** Zone of both schedules and of the report's ISO weeks. @default "UTC" */
    timezone: timeZoneSchema.prefault('UTC'),
  })
  .prefault({});
export type ScheduleConfig = z.infer<typeof scheduleSchema>;

const emailSchema = z.email().transform((email) => email.toLowerCase());

/** Who counts as an executive, besides every goal's sponsor. */
export const executivesSchema = z
  .strictObject({
    /** Matched case-insensitively, in both systems. */
    emails: z.array(emailSchema).default([]),
    /** Jira accountIds, for executives who hide their e-mail. */
    jiraAccountIds: z.array(z.string().trim().min(1)).default([]),
    jiraGroups: z.array(z.string().trim().min(1)).default([]),
    servicenow: z
      .strictObject({
        /** The sys_user `vip` flag makes a requester an executive. @default true */
        vip: z.boolean().default(true),
        /** A regular expression matched against the sys_user `title`. */
        titlePattern: regexSourceSchema.optional(),
      })
      .prefault({}),
  })
  .prefault({});
export type ExecutivesConfig = z.infer<typeof executivesSchema>;

const hours = z.number().nonnegative();

/** Rates that turn every item's effort into hours. */
export const effortSchema = z
  .strictObject({
    /** @default 4 */
    hoursPerPoint: z.number().positive().default(4),
    /** Hours for an item that states no effort, per kind. An epic counts as an issue. */
    defaultHours: z
      .strictObject({
        issue: hours.default(4),
        incident: hours.default(2),
        request: hours.default(1),
        change: hours.default(4),
        demand: hours.default(8),
        project: hours.default(40),
      })
      .prefault({})
      .transform((h) => ({ ...h, epic: h.issue })),
  })
  .prefault({});
export type EffortConfig = z.infer<typeof effortSchema>;

const share = (fallback: number) =>
  z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1').default(fallback);

export const reportSchema = z
  .strictObject({
    /** Directory of the weekly reports (`<out>/<week>/report.json` …). @default "./out" */
    out: pathSchema.default('./out'),
    email: z
      .strictObject({
        smtp: z
          .string()
          .trim()
          .refine(
            (url) => URL.canParse(url) && /^smtps?:$/.test(new URL(url).protocol),
            'must be an SMTP URL like smtp://mail.example:25 or smtps://user:password@mail.example:465',
          ),
        from: emailSchema,
        to: z.array(emailSchema).min(1),
      })
      .optional(),
    webhook: z.strictObject({ url: httpUrlSchema }).optional(),
    /**
     * Gap between a goal's actual share and its target: within `green` is green, within `yellow`
     * is yellow, beyond is red.
     */
    thresholds: z
      .strictObject({ green: share(0.05), yellow: share(0.15) })
      .prefault({})
      .refine((t) => t.green <= t.yellow, { path: ['yellow'], message: 'must not be smaller than green' }),
  })
  .prefault({});
export type ReportConfig = z.infer<typeof reportSchema>;

export const serverSchema = z
  .strictObject({
    /** Port of /healthz, /readyz and /metrics; 0 picks a free one. @default 9464 */
    port: z.number().int().min(0).max(65_535).default(9464),
    /** @default "0.0.0.0" */
    host: z.string().trim().min(1).default('0.0.0.0'),
  })
  .prefault({});
export type ServerConfig = z.infer<typeof serverSchema>;

/** `bearing.yaml` as written, with defaults filled and paths still relative. */
export const bearingFileSchema = z
  .strictObject({
    /** @default "sqlite:./data/bearing.db" */
    store: storeSchema.prefault('sqlite:./data/bearing.db'),
    schedule: scheduleSchema,
    jira: jiraSchema.optional(),
    servicenow: serviceNowSchema.optional(),
    /** @default "./goals.yaml" */
    goals: pathSchema.default('./goals.yaml'),
    /** The tool catalog; the one shipped in the package's config/ when absent. */
    tools: pathSchema.optional(),
    executives: executivesSchema,
    effort: effortSchema,
    analysis: analysisSettingsSchema.prefault({}),
    report: reportSchema,
    writeback: z
      .strictObject({
        /** Off: bearing computes and reports, but writes nothing to Jira or ServiceNow. @default true */
        enabled: z.boolean().default(true),
      })
      .prefault({}),
    server: serverSchema,
    /** @default "info" */
    logLevel: z.enum(LOG_LEVELS).default('info'),
  })
  .superRefine((file, ctx) => {
    if (file.jira === undefined && file.servicenow === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'configure at least one of jira or servicenow' });
    }
  });
export type BearingFile = z.infer<typeof bearingFileSchema>;
