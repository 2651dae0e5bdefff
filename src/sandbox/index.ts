/**
 * The sandbox: fake Jira and ServiceNow that behave like the real services (../shared/api-facts.md),
 * usable as msw handlers, as loopback servers and as inspectable state.
 */
export {
  startSandbox,
  SANDBOX_SERVICENOW_AUTH,
  type Sandbox,
  type SandboxOptions,
  type RunningFake,
} from './sandbox.js';
export type * from './seed.js';
