export * from './retry.js';
export * from './classify.js';
export * from './lane.js';
export * from './executor.js';
export * from './axios-client.js';
