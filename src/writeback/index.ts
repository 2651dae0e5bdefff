export * from './plan.js';
export * from './apply.js';
export * from './confirm.js';
