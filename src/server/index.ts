export { startServer, type ServerOptions, type RunningServer } from './server.js';
export { readiness, type Readiness, type ReadinessOptions } from './readiness.js';
