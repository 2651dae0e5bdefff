/** `PATCH` / `PUT /api/now/table/{table}/{sys_id}` (api-facts §6.4). */
import { invalidJson, jsonResponse, noRecord, writeDenied } from './errors.js';
import { tableParams } from './params.js';
import { renderRecords } from './render.js';
import { renderContext, type ApiContext } from './table-get.js';

/**
 * Partial update of one record; PUT behaves the same. Unknown columns are silently ignored (200,
 * nothing written) and the answer is the whole record, shaped by sysparm_fields, display value and
 * reference-link parameters. `sysparm_suppress_auto_sys_field=true` leaves the sys fields alone.
 */
export async function updateRecord(
  ctx: ApiContext,
  table: string,
  sysId: string,
  request: Request,
  url: URL,
): Promise<Response> {
  const { state } = ctx;
  const row = state.storeOf(table).get(sysId);
  const access = state.accessOf(table);
  if (!row || !access.read) return noRecord();
  if (!access.write) return writeDenied();
  const body = parseBody(await request.text());
  if (!body) return invalidJson();
  const params = tableParams(url, state.config);
  const { applied, ignored } = state.applyWrite(table, row, body, {
    user: ctx.user,
    autoSysFields: !params.suppressAutoSysField,
  });
  state.writes.push({
    table,
    sysId,
    method: request.method.toUpperCase(),
    via: ctx.via,
    user: ctx.user,
    at: state.now(),
    body,
    applied,
    ignored,
  });
  const [result] = renderRecords(renderContext(ctx), table, [row], {
    mode: params.displayValue,
    excludeReferenceLink: params.excludeReferenceLink,
    fields: params.fields,
  });
  return jsonResponse({ result });
}

/** A JSON object; of an array only the first record counts ("only one record per call", §6.4). */
function parseBody(text: string): Record<string, unknown> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  const record: unknown = Array.isArray(parsed) ? parsed[0] : parsed;
  return typeof record === 'object' && record !== null && !Array.isArray(record)
    ? (record as Record<string, unknown>)
    : undefined;
}

/** `DELETE /api/now/table/{table}/{sys_id}`: 204 with no body, and the record is gone from every read. */
export function deleteRecord(ctx: ApiContext, table: string, sysId: string): Response {
  const { state } = ctx;
  const access = state.accessOf(table);
  if (!state.storeOf(table).get(sysId) || !access.read) return noRecord();
  if (!access.write) return writeDenied();
  state.deleteRecord(table, sysId);
  return new Response(null, { status: 204 });
}
