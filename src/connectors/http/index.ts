export * from './executor.js';
export * from './axios-client.js';
