export {
  createFakeServiceNow,
  createServiceNowSandbox,
  type FakeServiceNow,
  type FakeServiceNowOptions,
} from './service.js';
export {
  ServiceNowState,
  type ServiceNowConfig,
  type ServiceNowStateOptions,
  type WriteRecord,
  type JournalEntry,
  type AccessRule,
} from './state.js';
export { DEFAULT_AUTH, type FakeServiceNowAuth } from './auth.js';
export { BEARING_COLUMNS, WORK_TABLES, type Row } from './schema.js';
export { derivedSysId } from './seed-load.js';
export { formatDuration } from './values.js';
export { person, snTicket, BASIC } from './fixtures.js';
