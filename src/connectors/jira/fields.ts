/**
 * bearing's three fields and the fields it reads, found by name in GET /field (api-facts §3.3), and
 * `bearing setup`: create what is missing with the right type and searcher, say what an admin must do.
 */
import { BearingError, messageOf } from '../../core/errors.js';
import type { CustomFieldIds } from './raw.js';
import type { JiraField, JiraWire } from './wire/types.js';

/** Names of bearing's fields in Jira (config `jira.fields`). */
export interface FieldNames {
  score: string;
  goal: string;
  flags: string;
}
export type BearingField = keyof FieldNames;
const BEARING_FIELDS: readonly BearingField[] = ['score', 'goal', 'flags'];

const CF = 'com.atlassian.jira.plugin.system.customfieldtypes:';
/** Jira Software's epic link field (Data Center keeps epics there, §2). */
const EPIC_LINK_TYPE = 'com.pyxis.greenhopper.jira:gh-epic-link';
/** §2: company-managed projects use "Story Points", team-managed "Story point estimate". */
const STORY_POINT_NAMES = ['story points', 'story point estimate'];

/** §3.3 type ↔ searcher pairs: a searcher makes the field usable in JQL, which project managers filter on. */
export const FIELD_SPECS: Record<
  BearingField,
  { type: string; searcherKey: string; label: string; description: string }
> = {
  score: {
    type: `${CF}float`,
    searcherKey: `${CF}exactnumber`,
    label: 'number field',
    description: 'How well this work serves the business goals, 0–100. Written by bearing.',
  },
  goal: {
    type: `${CF}textfield`,
    searcherKey: `${CF}textsearcher`,
    label: 'single-line text field',
    description: 'The business goal this work serves (a goal id, run, or none). Written by bearing.',
  },
  flags: {
    type: `${CF}labels`,
    searcherKey: `${CF}labelsearcher`,
    label: 'labels field',
    description: 'What bearing found: duplicate-tool, duplicate-work, misaligned, request-pressure.',
  },
};

type FieldLookup =
  | { kind: 'found'; id: string }
  | { kind: 'missing' }
  | { kind: 'wrongType'; id: string; typeKey: string | null };

const sameName = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** A bearing field by name; among several of that name (Jira allows it) the one of the right type. */
function lookUpField(fields: readonly JiraField[], name: string, type: string): FieldLookup {
  const named = fields.filter((f) => f.custom && sameName(f.name, name));
  const right = named.find((f) => f.typeKey === type);
  if (right) return { kind: 'found', id: right.id };
  const other = named[0];
  return other ? { kind: 'wrongType', id: other.id, typeKey: other.typeKey } : { kind: 'missing' };
}

/** Field ids for reading issues: bearing's fields where they exist, story points, the DC epic link. */
export function readableFieldIds(
  fields: readonly JiraField[],
  names: FieldNames,
  options: { storyPointsField: string | undefined; epicLink: boolean },
): CustomFieldIds {
  const ids: CustomFieldIds = {
    storyPoints: options.storyPointsField
      ? [options.storyPointsField]
      : fields
          .filter((f) => f.custom && STORY_POINT_NAMES.includes(f.name.trim().toLowerCase()))
          .map((f) => f.id),
  };
  for (const field of BEARING_FIELDS) {
    const found = lookUpField(fields, names[field], FIELD_SPECS[field].type);
    if (found.kind === 'found') ids[field] = found.id;
  }
  if (options.epicLink) {
    const epic = fields.find((f) => f.typeKey === EPIC_LINK_TYPE);
    if (epic) ids.epicLink = epic.id;
  }
  return ids;
}

/** The ids bearing writes to, or a config error saying what `bearing setup` must fix. */
export function writableFieldIds(
  fields: readonly JiraField[],
  names: FieldNames,
): Record<BearingField, string> {
  const ids = {} as Record<BearingField, string>;
  const problems: string[] = [];
  for (const field of BEARING_FIELDS) {
    const found = lookUpField(fields, names[field], FIELD_SPECS[field].type);
    if (found.kind === 'found') ids[field] = found.id;
    else if (found.kind === 'missing') problems.push(`no field named "${names[field]}"`);
    else problems.push(`"${names[field]}" (${found.id}) is not a ${FIELD_SPECS[field].label}`);
  }
  if (problems.length > 0) {
    throw new BearingError('config', `jira: ${problems.join('; ')} — run \`bearing setup\``);
  }
  return ids;
}

const describeType = (typeKey: string | null): string =>
  typeKey === null ? 'of an unknown type' : `a ${typeKey.replace(CF, '')} field`;

/**
 * Finds or creates bearing's three fields. A created field has a global context and is on no screen
 * (§3.3), so the report says where to add it; Cloud no longer requires fields on the edit screen for
 * API edits, older sites answer 400 "not on the appropriate screen" (§3.1).
 */
export async function setUpFields(
  wire: JiraWire,
  names: FieldNames,
  storyPointsField: string | undefined,
): Promise<{ lines: string[]; ready: boolean }> {
  const fields = await wire.fields();
  const lines: string[] = [];
  let ready = true;
  for (const field of BEARING_FIELDS) {
    const spec = FIELD_SPECS[field];
    const name = names[field];
    const found = lookUpField(fields, name, spec.type);
    let id: string;
    if (found.kind === 'found') {
      id = found.id;
      lines.push(`found "${name}" (${id}), a ${spec.label}`);
    } else if (found.kind === 'wrongType') {
      ready = false;
      lines.push(
        `"${name}" exists (${found.id}) but is ${describeType(found.typeKey)}, not a ${spec.label}: rename it in Jira or set jira.fields.${field} to another name, then run bearing setup again`,
      );
      continue;
    } else {
      try {
        id = (
          await wire.createField({
            name,
            description: spec.description,
            type: spec.type,
            searcherKey: spec.searcherKey,
          })
        ).id;
        lines.push(`created "${name}" (${id}), a ${spec.label} searchable in JQL`);
      } catch (error) {
        ready = false;
        lines.push(
          `could not create "${name}" (${messageOf(error)}): a Jira administrator must create a ${spec.label} named "${name}" (type ${spec.type}, searcher ${spec.searcherKey}), or give the bearing account Administer Jira and run bearing setup again`,
        );
        continue;
      }
    }
    const screens = await wire.fieldScreens(id);
    if (screens === undefined) {
      lines.push(
        `make sure "${name}" is on the view and edit screens of the projects in scope (bearing ${wire.deployment === 'cloud' ? 'needs Administer Jira to list screens' : 'cannot list screens on Data Center'})`,
      );
    } else if (screens.length === 0) {
      lines.push(
        `"${name}" (${id}) is on no screen: add it to the view and edit screens of the projects in scope (Jira settings → Issues → Screens) so people see it; sites that still check screens refuse bearing's edits until then`,
      );
    } else {
      lines.push(`"${name}" is on ${screens.join(', ')}`);
    }
  }
  const points = readableFieldIds(fields, names, { storyPointsField, epicLink: false }).storyPoints;
  lines.push(
    points.length > 0
      ? `story points are read from ${points.join(', ')}`
      : 'no story points field found (by name "Story Points" or "Story point estimate"): effort comes from original estimates, else the defaults',
  );
  return { lines, ready };
}
