import { describe, expect, it } from 'vitest';
import { reportSchema } from '../../src/model/index.js';
import { buildReport } from '../../src/report/build/index.js';
import { renderCharts, renderJson, renderMarkdown, renderReport } from '../../src/report/render/index.js';
import { measureText } from '../../src/report/render/charts.js';
import { inputs, plantedItems } from './fixtures.js';

const report = () => buildReport(inputs());
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe('report.json', () => {
  it('is the report as stored, indented, and reads back as the contract', () => {
    const json = renderJson(report());
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).toContain('\n  "week": "2026-W47",\n');
    expect(reportSchema.parse(JSON.parse(json))).toEqual(report());
  });
});

describe('report.md', () => {
  it('leads with what changed, then allocation against target with statuses', () => {
    const md = renderMarkdown(report());
    expect(md.startsWith('# Weekly drift report 2026-W47\n\n16–22 Nov 2026 · goals of 2026-Q4 · 100 h')).toBe(
      true,
    );
    expect(md.indexOf('## What changed')).toBeLessThan(md.indexOf('## Allocation against target'));
    expect(md).toContain('- Digital revenue fell to 22% of delivered effort, 13 points under target.');
    expect(md).toContain('| Digital revenue | 35% | 22% | 25% | −13 pts | 🟡 yellow |');
    expect(md).toContain('| Customer 360 | 0% | 0% | 0% | on target | 🟢 green |');
    expect(md).toContain(
      'Run work (keep the lights on): 18% (target 30%; last week 30%). Work tied to no goal: 33% (last week 25%).',
    );
    expect(md).toContain('| Digital revenue | – | – | – | – | – | – | 25% | 22% |');
    expect(md).toContain('| OPS | 75 | 0% | 40% | 1 | ⚠ crowding out |');
    expect(md).toContain('- **Video meetings**: Zoom, Webex (standard: Zoom) — OPS-1, SHOP-2');
    expect(md).toContain('| OPS-4 · OPS-5 | 95% |');
    expect(md).toContain('| OPS-3 | OPS-3 work | OPS | 10 | 10 |');
  });

  it('keeps a table intact when a title holds a pipe or a line break', () => {
    const planted = plantedItems();
    planted[4]!.item.title = 'Export | import\nfix';
    const md = renderMarkdown(buildReport(inputs({}, planted)));
    expect(md).toContain('| OPS-3 | Export \\| import fix | OPS | 10 | 10 |');
  });

  it('says so when there are no duplicates and no work tied to no goal', () => {
    const md = renderMarkdown(buildReport(inputs({ week: '2026-W52', findings: [] })));
    expect(md).toContain('## Duplicate tools\n\nNone found.');
    expect(md).toContain('## Duplicate work\n\nNone found.');
    expect(md).toContain('## Largest work tied to no goal\n\nNone this week.');
  });
});

describe('the rendered report', () => {
  it('has every file: JSON, Markdown, HTML, and each chart as SVG and PNG', async () => {
    const { files } = await renderReport(report());
    expect(files.map((f) => f.name)).toEqual([
      'report.json',
      'report.md',
      'report.html',
      'allocation.svg',
      'allocation.png',
      'trend.svg',
      'trend.png',
      'pressure.svg',
      'pressure.png',
    ]);
    for (const f of files.filter((f) => f.name.endsWith('.png'))) {
      expect([...(f.content as Uint8Array).subarray(0, 8)]).toEqual(PNG_SIGNATURE);
      expect(f.content.length).toBeGreaterThan(5000);
    }
    for (const f of files.filter((f) => f.name.endsWith('.svg'))) {
      expect(f.content).toMatch(/^<svg /);
      expect(f.content).not.toMatch(/zr\d/);
    }
  });

  it('renders the same bytes every time, however many charts the process drew before', async () => {
    const first = await renderReport(report());
    const second = await renderReport(report());
    expect(second.files.map((f) => Buffer.from(f.content).toString('base64'))).toEqual(
      first.files.map((f) => Buffer.from(f.content).toString('base64')),
    );
  });

  it('makes report.html self-contained: inline SVG charts and CSS, no scripts, nothing to fetch', async () => {
    const { files } = await renderReport(report());
    const html = String(files.find((f) => f.name === 'report.html')!.content);
    expect(html.match(/<svg /g)).toHaveLength(3);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\((?!#)|@import/i);
    expect(html).not.toMatch(/\ssrc=/i);
    // The only addresses are links a reader may click: the items in their own systems.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g))
      expect(href).toMatch(/^https:\/\/example\.atlassian\.net\/browse\//);
  });

  it('builds a mail with the charts as inline PNG images and no SVG', async () => {
    const rendered = await renderReport(report());
    const message = rendered.message('/reports/2026-W47');
    expect(message.week).toBe('2026-W47');
    expect(message.subject).toBe('Weekly drift report 2026-W47: 3 goals yellow');
    expect(message.dir).toBe('/reports/2026-W47');
    expect(message.markdown).toBe(String(rendered.files[1]!.content));
    expect(message.charts.map((c) => [c.cid, c.filename])).toEqual([
      ['allocation@bearing', 'allocation.png'],
      ['trend@bearing', 'trend.png'],
      ['pressure@bearing', 'pressure.png'],
    ]);
    for (const chart of message.charts) expect(message.mailHtml).toContain(`<img src="cid:${chart.cid}"`);
    expect(message.mailHtml).not.toMatch(/<svg/);
    expect(message.charts[0]!.png).toEqual(rendered.files.find((f) => f.name === 'allocation.png')!.content);
  });
});

describe('the allocation chart', () => {
  it('sets this week beside last week and the target for every goal, run work and work tied to no goal', () => {
    const chart = renderCharts(report()).find((c) => c.id === 'allocation')!;
    expect(chart.alt).toContain('Digital revenue 22% (target 35%, last week 25%)');
    expect(chart.alt).toContain('Run (keep the lights on) 18% (target 30%, last week 30%)');
    expect(chart.alt).toContain('No goal 33% (last week 25%)');
    const lastWeekBars = [...chart.svg.matchAll(/<path[^>]*fill="#[0-9a-f]+"[^>]*>/g)].length;
    const older = report();
    delete older.lastWeekRunShare;
    delete older.lastWeekUnalignedShare;
    const olderChart = renderCharts(older).find((c) => c.id === 'allocation')!;
    expect(olderChart.alt).toMatch(/Run \(keep the lights on\) 18% \(target 30%\), No goal 33%$/);
    expect([...olderChart.svg.matchAll(/<path[^>]*fill="#[0-9a-f]+"[^>]*>/g)].length).toBe(lastWeekBars - 2);
  });

  it('wraps a long goal name over two lines instead of clipping it at the edge', () => {
    const long = report();
    long.allocation[0]!.name = 'Leave the data centre by the end of 2027';
    const svg = renderCharts(long).find((c) => c.id === 'allocation')!.svg;
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('Leave the data centre by');
    expect(texts).toContain('the end of 2027');
    expect(texts).not.toContain('Leave the data centre by the end of 2027');
  });
});

describe('every chart', () => {
  it('draws each label inside the picture, however long the goal and team names', () => {
    const long = report();
    for (const [i, row] of long.allocation.entries())
      row.name = ['Leave the data centre by end of 2027', 'Know our customers', 'Faster, cheaper fulfilment'][
        i % 3
      ];
    for (const team of long.requestPressure.teams) team.team = `Enterprise Applications ${String(team.team)}`;
    for (const chart of renderCharts(long)) {
      const width = Number(/ width="(\d+)"/.exec(chart.svg)![1]);
      const texts = chart.svg.matchAll(/<text ([^>]*)>([^<]+)<\/text>/g);
      for (const [, attributes, content] of texts) {
        const attr = (name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(attributes!)?.[1];
        const x =
          Number(attr('x') ?? 0) + Number(/translate\(([-\d.]+)/.exec(attr('transform') ?? '')?.[1] ?? 0);
        const w = measureText(content!, /font-size:(\d+)px/.exec(attributes!)?.[0]).width;
        const anchor = attr('text-anchor') ?? 'start';
        const left = anchor === 'start' ? x : anchor === 'end' ? x - w : x - w / 2;
        expect({ chart: chart.id, content, left: Math.max(0, Math.round(left)) }).toEqual({
          chart: chart.id,
          content,
          left: Math.round(left),
        });
        expect(left + w, `${chart.id}: "${content}" ends past the right edge`).toBeLessThanOrEqual(width + 1);
      }
    }
  });
});

describe('hours in the report', () => {
  it('read as whole hours with thousands separators in Markdown and HTML', async () => {
    const big = report();
    big.deliveredHours = 54_586.5;
    big.requestPressure.teams[0]!.hours = 21_018.5;
    const markdown = renderMarkdown(big);
    expect(markdown).toContain('54,587 h of effort counted');
    expect(markdown).toMatch(/\| 21,019 \|/);
    const { files } = await renderReport(big);
    const html = String(files.find((f) => f.name === 'report.html')!.content);
    expect(html).toContain('54,587 h of effort counted');
    expect(html).toContain('21,019');
  });
});
