/** The ServiceNow connector (Table API and Batch API): the public entry of this folder. */
export {
  createServiceNowConnector,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SETTLE_MS,
  type ServiceNowAuthOptions,
  type ServiceNowConnectorOptions,
  type ServiceNowExecutives,
} from './connector.js';
export {
  createNormalizer,
  type ExecutiveRules,
  type Normalized,
  type NormalizeSettings,
} from './normalize.js';
export type { ServiceNowRaw } from './raw.js';
export { DEFAULT_TABLES, type BearingColumns } from './tables.js';
