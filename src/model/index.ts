export * from './work-item.js';
export * from './goal.js';
export * from './analysis.js';
export * from './report.js';
export * from './settings/index.js';
export * from './tools.js';
