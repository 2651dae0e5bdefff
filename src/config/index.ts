export { loadConfig, type Config } from './load.js';
export type { Env } from './env.js';
export { JOBS_SUPERVISE_ENV, jobsSuperviseSeconds } from './jobs-env.js';
export { DEFAULT_TOOLS_PATH, PACKAGE_ROOT, packageVersion } from './package.js';
export {
  bearingFileSchema,
  SERVICENOW_TABLES,
  LOG_LEVELS,
  type BearingFile,
  type EffortConfig,
  type ExecutivesConfig,
  type JiraAuth,
  type JiraConfig,
  type LogLevel,
  type RateLimit,
  type ReportConfig,
  type ScheduleConfig,
  type ServerConfig,
  type ServiceNowAuth,
  type ServiceNowConfig,
  type ServiceNowTable,
  type StoreLocation,
  type TlsSettings,
} from './schema/index.js';
