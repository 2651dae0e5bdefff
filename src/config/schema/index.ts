export * from './common.js';
export * from './store.js';
export * from './jira.js';
export * from './servicenow.js';
export * from './bearing.js';
