export type { FakeService, Outcome } from './fake-service.js';
export {
  FaultInjector,
  seededRandom,
  sleep,
  type FaultKnobs,
  type FaultRule,
  type CallLog,
  type ArrivingCall,
} from './faults.js';
export { mswHandlers, unhandledRequestPolicy } from './msw.js';
export { startLoopbackServer, type LoopbackServer } from './loopback.js';
export { textPiecesResponse } from './text-body.js';
