import type { Report } from '../../model/index.js';
import type { Chart } from './charts.js';
import {
  FONT_FAMILY,
  escapeHtml,
  LIST_LIMIT,
  STATUS_COLOURS,
  gapText,
  goalName,
  hoursText,
  pct,
  runAndUnalignedText,
  percent,
  pressureTeams,
  statusSummary,
  weekSpan,
} from './format.js';

const text = (value: unknown): string => (typeof value === 'string' ? escapeHtml(value) : '');

/** How a chart appears in the page: inline SVG in report.html, a `cid:` image in the mail. */
export type ChartSlot = (chart: Chart) => string;

export const inlineSvg: ChartSlot = (chart) => chart.svg;
export const cidImage =
  (cid: (chart: Chart) => string): ChartSlot =>
  (chart) =>
    `<img src="cid:${escapeHtml(cid(chart))}" width="${chart.width}" height="${chart.height}" ` +
    `alt="${escapeHtml(chart.alt)}" style="max-width:100%;height:auto;display:block">`;

const CSS = `
body{margin:0;background:#f4f5f7;color:#1f2328;font-family:${FONT_FAMILY};font-size:15px;line-height:1.45}
main{max-width:780px;margin:0 auto;padding:24px;background:#fff}
h1{font-size:24px;margin:0 0 4px}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e3e6ea;padding-bottom:4px}
.sub{color:#59636e;margin:0 0 16px}
table{border-collapse:collapse;width:100%;margin:8px 0}th,td{padding:6px 8px;border-bottom:1px solid #e3e6ea;text-align:left;vertical-align:top}
th{font-size:13px;color:#59636e;font-weight:600}td.n,th.n{text-align:right;white-space:nowrap}
.pill{display:inline-block;padding:1px 8px;border-radius:10px;color:#fff;font-size:13px;font-weight:600}
figure{margin:12px 0}figure svg{max-width:100%;height:auto}figcaption{font-size:13px;color:#59636e}
ul.changes li{margin:4px 0}.note{font-size:13px;color:#59636e}
`;

const pill = (status: keyof typeof STATUS_COLOURS): string =>
  `<span class="pill" style="background:${STATUS_COLOURS[status]}">${status}</span>`;

function figure(chart: Chart | undefined, slot: ChartSlot): string {
  if (!chart) return '';
  return `<figure id="chart-${chart.id}" data-chart="${chart.id}">${slot(chart)}<figcaption>${escapeHtml(chart.title)}</figcaption></figure>`;
}

function table(head: readonly [string, boolean][], rows: readonly string[][]): string {
  const th = head.map(([h, n]) => `<th${n ? ' class="n"' : ''}>${h}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map((c, i) => `<td${head[i]![1] ? ' class="n"' : ''}>${c}</td>`).join('')}</tr>`)
    .join('\n');
  return `<table><thead><tr>${th}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

const more = (total: number): string =>
  total > LIST_LIMIT ? `<p class="note">…and ${total - LIST_LIMIT} more in report.json.</p>` : '';

const link = (ref: string, url: unknown): string =>
  typeof url === 'string' && /^https?:\/\//.test(url)
    ? `<a href="${escapeHtml(url)}">${escapeHtml(ref)}</a>`
    : escapeHtml(ref);

/**
 * The report as one HTML page: inline CSS, charts through `slot`, no scripts and nothing fetched,
 * so it opens the same from a file, a mail client or an archive.
 */
export function renderHtml(report: Report, charts: readonly Chart[], slot: ChartSlot): string {
  const chart = (id: Chart['id']): string =>
    figure(
      charts.find((c) => c.id === id),
      slot,
    );
  const rp = report.requestPressure;
  const teams = pressureTeams(report);
  const parts: string[] = [
    `<!DOCTYPE html>`,
    `<html lang="en"><head><meta charset="utf-8">`,
    `<meta name="viewport" content="width=device-width, initial-scale=1">`,
    `<title>Weekly drift report ${escapeHtml(report.week)}</title>`,
    `<style>${CSS}</style></head><body><main>`,
    `<h1>Weekly drift report ${escapeHtml(report.week)}</h1>`,
    `<p class="sub">${escapeHtml(weekSpan(report))} · goals of ${escapeHtml(report.period)}` +
      (report.deliveredHours === undefined
        ? ''
        : ` · ${hoursText(report.deliveredHours)} h of effort counted`) +
      ` · ${escapeHtml(statusSummary(report))}</p>`,
  ];
  if (report.changes && report.changes.length > 0) {
    parts.push(
      `<h2>What changed</h2>`,
      `<ul class="changes">${report.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join('')}</ul>`,
    );
  }

  parts.push(
    `<h2>Allocation against target</h2>`,
    table(
      [
        ['Goal', false],
        ['Target', true],
        ['This week', true],
        ['Last week', true],
        ['Gap', true],
        ['Status', false],
      ],
      report.allocation.map((r) => [
        escapeHtml(goalName(r)),
        percent(r.target),
        percent(r.actual),
        r.lastWeek === null ? '–' : percent(r.lastWeek),
        gapText(r.actual, r.target),
        pill(r.status),
      ]),
    ),
    `<p>${runAndUnalignedText(report, (f) => `<strong>${f}</strong>`)}</p>`,
    chart('allocation'),
    `<h2>Eight-week trend</h2>`,
    chart('trend'),
    `<h2>Executive priorities and rank-and-file requests</h2>`,
    `<p>${percent(rp.executiveShare)} of the week's effort went to executive priorities, ` +
      `${percent(rp.rankAndFileShare)} to rank-and-file requests off the top goals. ` +
      `⚠ marks a team where rank-and-file requests crowd out executive priorities while top-goal work waits.</p>`,
    chart('pressure'),
  );
  if (teams.length > 0) {
    parts.push(
      table(
        [
          ['Team', false],
          ['Hours', true],
          ['Executive', true],
          ['Rank and file', true],
          ['Top-goal items waiting', true],
        ],
        teams
          .slice(0, LIST_LIMIT)
          .map((t) => [
            `${escapeHtml(t.team)}${t.pressured ? ' ⚠' : ''}`,
            hoursText(t.hours),
            percent(t.executiveShare),
            percent(t.rankAndFileShare),
            String(t.waiting),
          ]),
      ),
      more(teams.length),
    );
  }

  parts.push(`<h2>Duplicate tools</h2>`);
  if (report.duplicateTools.length === 0) parts.push(`<p>None found.</p>`);
  else
    parts.push(
      table(
        [
          ['Capability', false],
          ['Tools', false],
          ['Items', false],
        ],
        report.duplicateTools
          .slice(0, LIST_LIMIT)
          .map((c) => [
            text(c.name) || escapeHtml(c.capability),
            escapeHtml(c.tools.join(', ')) +
              (typeof c.standard === 'string'
                ? ` <span class="note">(standard: ${escapeHtml(c.standard)})</span>`
                : ''),
            escapeHtml(c.items.slice(0, 5).join(', ')) +
              (c.items.length > 5 ? ` and ${c.items.length - 5} more` : ''),
          ]),
      ),
      more(report.duplicateTools.length),
    );

  parts.push(`<h2>Duplicate work</h2>`);
  if (report.duplicateWork.length === 0) parts.push(`<p>None found.</p>`);
  else
    parts.push(
      table(
        [
          ['Items', false],
          ['Titles', false],
          ['Similarity', true],
        ],
        report.duplicateWork
          .slice(0, LIST_LIMIT)
          .map((p) => [
            escapeHtml(p.items.join(' · ')),
            Array.isArray(p.titles) ? p.titles.map(text).join('<br>') : '',
            percent(p.similarity),
          ]),
      ),
      more(report.duplicateWork.length),
    );

  parts.push(`<h2>Largest work tied to no goal</h2>`);
  if (report.topMisaligned.length === 0) parts.push(`<p>None this week.</p>`);
  else
    parts.push(
      table(
        [
          ['Item', false],
          ['Title', false],
          ['Team', false],
          ['Effort (h)', true],
          ['Score', true],
        ],
        report.topMisaligned
          .slice(0, LIST_LIMIT)
          .map((m) => [link(m.item, m.url), text(m.title), text(m.team), String(m.effort), String(m.score)]),
      ),
      more(report.topMisaligned.length),
    );

  parts.push(
    `<p class="note">` +
      (report.thresholds
        ? `Status: green within ${pct(report.thresholds.green)} points of target, yellow within ` +
          `${pct(report.thresholds.yellow)}, red beyond. `
        : '') +
      `Shares are of all effort counted in the week. Generated by bearing at ${escapeHtml(report.generatedAt)}.</p>`,
    `</main></body></html>`,
  );
  return `${parts.join('\n')}\n`;
}
