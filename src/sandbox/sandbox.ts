// Not the http barrel: it also exports the msw handlers, and msw is a dev dependency that the
// production image (where `bearing demo` runs the sandbox too) does not have.
import type { FaultInjector } from './http/faults.js';
import { startLoopbackServer, type LoopbackServer } from './http/loopback.js';
import { createFakeJiraInjector, DEFAULT_BOT, type JiraState } from './jira/index.js';
import type { FakeJiraOptions } from './jira/index.js';
import type { SeedJiraTicket, SeedPerson, SeedSnTicket, SeedTicket } from './seed.js';
import { createServiceNowSandbox, type ServiceNowState } from './servicenow/index.js';
import type { FakeServiceNowOptions } from './servicenow/index.js';

export interface SandboxOptions {
  people: readonly SeedPerson[];
  tickets: Iterable<SeedTicket>;
  /** The fakes' clock (epoch ms); real time when absent. */
  now?: () => number;
  jira?: Partial<FakeJiraOptions>;
  servicenow?: FakeServiceNowOptions;
  /** Seed of the fault injectors' random draws. */
  faultSeed?: number;
}

/** A running fake site: where it listens, how to log in, and its state and faults for inspection. */
export interface RunningFake<State> {
  url: string;
  state: State;
  injector: FaultInjector;
}

export interface Sandbox {
  jira: RunningFake<JiraState> & { auth: { email: string; token: string } };
  servicenow: RunningFake<ServiceNowState> & { auth: { user: string; password: string } };
  /** Stops both servers; nothing is left listening. */
  close(): Promise<void>;
}

/** The service account the sandbox's ServiceNow accepts. */
export const SANDBOX_SERVICENOW_AUTH = { user: 'bearing', password: 'bearing-sandbox' } as const;

/**
 * Starts fake Jira Cloud and fake ServiceNow on 127.0.0.1 (ephemeral ports), loaded with a demo
 * company's people and tickets.
 */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const jiraTickets: SeedJiraTicket[] = [];
  const snTickets: SeedSnTicket[] = [];
  for (const ticket of options.tickets) {
    if (ticket.system === 'jira') jiraTickets.push(ticket);
    else snTickets.push(ticket);
  }
  const jira = createFakeJiraInjector(
    { flavour: 'cloud', ...(options.now ? { now: options.now } : {}), ...options.jira },
    { seed: options.faultSeed ?? 1 },
  );
  jira.state.load([...options.people], jiraTickets);
  const servicenow = createServiceNowSandbox({
    auth: { basic: [{ ...SANDBOX_SERVICENOW_AUTH }] },
    ...(options.now ? { now: options.now } : {}),
    ...options.servicenow,
    faultSeed: options.faultSeed ?? 1,
  });
  servicenow.state.load(options.people, snTickets);

  const servers: LoopbackServer[] = [];
  try {
    servers.push(await startLoopbackServer(jira.injector));
    servers.push(await startLoopbackServer(servicenow.injector));
  } catch (error) {
    await Promise.all(servers.map((s) => s.close()));
    throw error;
  }
  const [jiraServer, snServer] = servers as [LoopbackServer, LoopbackServer];
  return {
    jira: {
      url: jiraServer.url,
      state: jira.state,
      injector: jira.injector,
      auth: { email: DEFAULT_BOT.email ?? 'bot@acme.example', token: DEFAULT_BOT.apiToken ?? 'bot-token' },
    },
    servicenow: {
      url: snServer.url,
      state: servicenow.state,
      injector: servicenow.injector,
      auth: { ...SANDBOX_SERVICENOW_AUTH },
    },
    close: async () => {
      await Promise.all(servers.map((s) => s.close()));
    },
  };
}
