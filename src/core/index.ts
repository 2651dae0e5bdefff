export * from './errors.js';
export * from './time.js';
export * from './ids.js';
export * from './log.js';
export * from './retry.js';
export * from './lane.js';
export * from './http-errors.js';
