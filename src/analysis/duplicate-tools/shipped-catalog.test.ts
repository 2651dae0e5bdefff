import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { toolCatalogSchema } from '../../model/index.js';
import { createToolMatcher } from './matcher.js';

const catalog = toolCatalogSchema.parse(
  parse(readFileSync(new URL('../../../config/tools.yaml', import.meta.url), 'utf8')),
);

describe('the shipped tool catalog', () => {
  it('is a valid tools.yaml with at least 40 capabilities and 250 tools', () => {
    expect(catalog.capabilities.length).toBeGreaterThanOrEqual(40);
    expect(catalog.capabilities.flatMap((c) => c.tools).length).toBeGreaterThanOrEqual(250);
  });

  it('names a standard for a few capabilities, as an example', () => {
    const standards = catalog.capabilities.filter((c) => c.tools.some((t) => t.standard === true));
    expect(standards.length).toBeGreaterThanOrEqual(3);
  });

  const matcher = createToolMatcher(catalog);
  const names = (text: string): string[] =>
    matcher
      .scan([text], [])
      .mentions.map((m) => matcher.tools[m.tool]!.name + (m.retired ? ' (retired)' : ''))
      .sort();

  it.each([
    ['Need MS Teams license for the new contractor', ['Microsoft Teams']],
    ['Create a Slack channel for incident comms', ['Slack']],
    ['Move the legal files from Box to Google Drive', ['Box (retired)', 'Google Drive']],
    ['Jenkins pipeline failing on main', ['Jenkins']],
    ['Evaluate Snowflake vs BigQuery for the finance mart', ['Google BigQuery', 'Snowflake']],
    ['Set up Okta SSO for Salesforce', ['Okta', 'Salesforce']],
    ['Terraform module for the AWS VPC', ['Amazon Web Services', 'Terraform']],
    ['Roll out 1Password to finance', ['1Password']],
    ['Buy Notion seats for the design team', ['Notion']],
    ['Migrate the wiki from Confluence to Notion workspace', ['Confluence (retired)', 'Notion']],
    ['Monday.com board for the events team', ['Monday.com']],
    ['zoom meeting link broken for all-hands', ['Zoom']],
  ])('finds the tools in "%s"', (text, expected) => {
    expect(names(text)).toEqual(expected);
  });

  it.each([
    'The two teams meeting on Monday will plan the work',
    'Slack in the schedule for the Q3 release',
    'Replace the badge reader at the front door',
    'Fix the front page layout on mobile',
    'We need a paper trail for approvals',
    'Salt the password hashes before storing them',
    'Hong Kong office network is down',
    'Drive the migration of the data centre',
    'snowflake servers drift from the baseline',
    'Zoom in on the chart does nothing',
    'Segment customers by region in the revenue report',
    'Heap usage of the JVM keeps growing',
    'Open the vault door in the server room',
    'Keep the box of spare cables in the store room',
  ])('finds no tool in "%s"', (text) => {
    expect(names(text)).toEqual([]);
  });
});
