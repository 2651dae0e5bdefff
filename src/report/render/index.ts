import type { Report } from '../../model/index.js';
import type { ReportMessage } from '../deliver/message.js';
import { chartPng, renderCharts, type Chart } from './charts.js';
import { statusSummary } from './format.js';
import { cidImage, inlineSvg, renderHtml } from './html.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';

export { renderCharts, chartPng, type Chart, type ChartId } from './charts.js';
export { renderHtml, inlineSvg, cidImage, type ChartSlot } from './html.js';
export { renderJson } from './json.js';
export { renderMarkdown } from './markdown.js';

/** One file of `<report.out>/<week>/`. */
export interface ReportFile {
  name: string;
  content: string | Uint8Array;
}

export interface RenderedReport {
  files: ReportFile[];
  /** What the delivery channels send, once the files are in `dir`. */
  message(dir: string): ReportMessage;
}

const cidOf = (chart: Chart): string => `${chart.id}@bearing`;

/**
 * Every format of one report: report.json, report.md, a self-contained report.html with the charts
 * as inline SVG, each chart as SVG and PNG, and the mail (charts as inline PNG images). Depends on
 * the report alone, so a stored report renders to the same bytes every time.
 */
export async function renderReport(report: Report): Promise<RenderedReport> {
  const charts = renderCharts(report);
  const pngs = await Promise.all(charts.map(chartPng));
  const markdown = renderMarkdown(report);
  const files: ReportFile[] = [
    { name: 'report.json', content: renderJson(report) },
    { name: 'report.md', content: markdown },
    { name: 'report.html', content: renderHtml(report, charts, inlineSvg) },
    ...charts.flatMap((chart, i) => [
      { name: `${chart.id}.svg`, content: chart.svg },
      { name: `${chart.id}.png`, content: pngs[i]! },
    ]),
  ];
  return {
    files,
    message: (dir) => ({
      week: report.week,
      subject: `Weekly drift report ${report.week}: ${statusSummary(report)}`,
      text: markdown,
      markdown,
      mailHtml: renderHtml(report, charts, cidImage(cidOf)),
      charts: charts.map((chart, i) => ({ cid: cidOf(chart), filename: `${chart.id}.png`, png: pngs[i]! })),
      dir,
    }),
  };
}
