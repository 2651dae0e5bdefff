/** The Table API's `sysparm_*` parameters (api-facts §6.1, §6.4). */
import type { DisplayMode } from './render.js';
import type { ServiceNowConfig } from './state.js';

export interface TableParams {
  query: string;
  fields: string[] | undefined;
  limit: number;
  offset: number;
  displayValue: DisplayMode;
  excludeReferenceLink: boolean;
  noCount: boolean;
  suppressPaginationHeader: boolean;
  suppressAutoSysField: boolean;
}

/**
 * Reads the parameters. `URLSearchParams` decodes `+` as a space, as the platform's servlet
 * container does (§6.3 leaves it UNCONFIRMED; axios sends spaces as `+`). A missing or unusable
 * limit means the default; the cap applies only when configured (§6.1 documents none).
 */
export function tableParams(url: URL, config: ServiceNowConfig): TableParams {
  const p = url.searchParams;
  const flag = (name: string): boolean => (p.get(name) ?? '').toLowerCase() === 'true';
  const fields = p
    .getAll('sysparm_fields')
    .flatMap((v) => v.split(','))
    .map((f) => f.trim())
    .filter((f) => f !== '');
  const requested = Number.parseInt(p.get('sysparm_limit') ?? '', 10);
  const limit = Number.isFinite(requested) && requested > 0 ? requested : config.defaultLimit;
  const offset = Number.parseInt(p.get('sysparm_offset') ?? '', 10);
  const display = (p.get('sysparm_display_value') ?? '').toLowerCase();
  return {
    query: p.get('sysparm_query') ?? '',
    fields: fields.length ? fields : undefined,
    limit: config.maxLimit === undefined ? limit : Math.min(limit, config.maxLimit),
    offset: Number.isFinite(offset) && offset > 0 ? offset : 0,
    displayValue: display === 'true' || display === 'all' ? display : 'false',
    excludeReferenceLink: flag('sysparm_exclude_reference_link'),
    noCount: flag('sysparm_no_count'),
    suppressPaginationHeader: flag('sysparm_suppress_pagination_header'),
    suppressAutoSysField: flag('sysparm_suppress_auto_sys_field'),
  };
}
