import type { Report } from '../../model/index.js';

/** report.json: the stored report as it is, so the same report always gives the same bytes. */
export const renderJson = (report: Report): string => `${JSON.stringify(report, null, 2)}\n`;
