/** `bearing setup` against the fake Jira: fields found, created with the right type and searcher, or not. */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setupServer } from 'msw/node';
import { mswHandlers, unhandledRequestPolicy } from '../../sandbox/http/index.js';
import {
  CLOUD_BASE,
  CUSTOM_TYPE_PREFIX,
  DC_BASE,
  DEFAULT_BOT,
  createFakeJiraInjector,
  type FakeJiraOptions,
} from '../../sandbox/jira/index.js';
import { countOf, testConnector } from './testing.js';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: unhandledRequestPolicy }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const signal = new AbortController().signal;

function site(options: Partial<FakeJiraOptions> = {}) {
  const fake = createFakeJiraInjector({ flavour: 'cloud', ...options });
  const base = options.flavour === 'datacenter' ? DC_BASE : CLOUD_BASE;
  server.use(...mswHandlers(fake.injector, base));
  const auth = options.flavour === 'datacenter' ? { pat: DEFAULT_BOT.pat ?? '' } : undefined;
  return { ...fake, ...testConnector(base, auth ? { auth } : {}) };
}

describe('bearing setup for Jira', () => {
  it('creates the missing fields as a searchable number, a single-line text and a labels field, then finds them', async () => {
    const { state, connector, calls } = site();
    const report = await connector.setup(signal);
    expect(report.ready).toBe(true);
    const score = state.fields.find('Alignment Score');
    const goal = state.fields.find('Business Goal');
    const flags = state.fields.find('Alignment Flags');
    expect(score).toMatchObject({
      searchable: true,
      schema: { type: 'number', custom: `${CUSTOM_TYPE_PREFIX}float` },
    });
    expect(goal?.schema?.custom).toBe(`${CUSTOM_TYPE_PREFIX}textfield`);
    expect(flags?.schema).toMatchObject({ type: 'array', custom: `${CUSTOM_TYPE_PREFIX}labels` });
    expect(report.lines).toContain(
      `created "Alignment Score" (${score?.id}), a number field searchable in JQL`,
    );
    // A new field is on no screen (§3.3): the admin is told where to add it.
    expect(
      report.lines.filter((l) => /is on no screen: add it to the view and edit screens/.test(l)),
    ).toHaveLength(3);
    expect(report.lines.at(-1)).toBe('story points are read from customfield_10016');

    state.addFieldToScreen(score?.id ?? '');
    calls.length = 0;
    const again = await connector.setup(signal);
    expect(again.lines[0]).toBe(`found "Alignment Score" (${score?.id}), a number field`);
    expect(again.lines[1]).toBe('"Alignment Score" is on Default Screen');
    expect(countOf(calls, 'field-create')).toBe(0);
  });

  it('is not ready when a field of that name has another type, and says how to resolve it', async () => {
    const { state, connector } = site();
    state.createField({ name: 'Alignment Score', type: `${CUSTOM_TYPE_PREFIX}textfield` });
    const report = await connector.setup(signal);
    expect(report.ready).toBe(false);
    expect(report.lines[0]).toMatch(
      /^"Alignment Score" exists \(customfield_\d+\) but is a textfield field, not a number field: rename it in Jira or set jira\.fields\.score/,
    );
  });

  it('tells the admin what to create when the account may not create fields', async () => {
    const { state, connector } = site({ notifyAllowed: false });
    expect(state.accounts[0]?.permissions.administerJira).toBe(false);
    const report = await connector.setup(signal);
    expect(report.ready).toBe(false);
    expect(report.lines[0]).toMatch(
      /^could not create "Alignment Score" \(.*400.*\): a Jira administrator must create a number field named "Alignment Score" \(type com\.atlassian\.jira\.plugin\.system\.customfieldtypes:float, searcher com\.atlassian\.jira\.plugin\.system\.customfieldtypes:exactnumber\)/,
    );
  });

  it('on Data Center creates the fields and asks the admin to check the screens', async () => {
    const { state, connector } = site({ flavour: 'datacenter' });
    const report = await connector.setup(signal);
    expect(report.ready).toBe(true);
    expect(state.fields.find('Alignment Flags')?.custom).toBe(true);
    expect(report.lines).toContain(
      'make sure "Alignment Flags" is on the view and edit screens of the projects in scope (bearing cannot list screens on Data Center)',
    );
    expect(report.lines.at(-1)).toBe('story points are read from customfield_10106');
  });
});
