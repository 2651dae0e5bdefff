import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import * as echarts from 'echarts';
import type { EChartsOption } from 'echarts';
import { initWasm, Resvg } from '@resvg/resvg-wasm';
import type { Report } from '../../model/index.js';
import {
  FONT_FAMILY,
  SERIES_COLOURS,
  STATUS_COLOURS,
  escapeHtml,
  goalName,
  aside,
  pct,
  pressureTeams,
} from './format.js';

export type ChartId = 'allocation' | 'trend' | 'pressure';

/** One chart of the report: its picture as SVG and what it shows in words (alt text). */
export interface Chart {
  id: ChartId;
  title: string;
  alt: string;
  width: number;
  height: number;
  svg: string;
}

const WIDTH = 720;
/**
 * Longest axis label line, in characters. ECharts measures text in SSR without the DejaVu font the
 * PNG is drawn with, so `containLabel` underestimates long labels and clips them: wrap them instead.
 */
const LABEL_LINE = 24;

/** Advance widths of DejaVu Sans in ems, by kind of character (from the font's hmtx table, rounded). */
const NARROW = new Set([..."iljfI.,:;|!'"]);
const SEMI_NARROW = new Set([...'trs()[]- ']);
const WIDE = new Set([...'mwMW%@⚠']);
function emWidth(ch: string): number {
  if (NARROW.has(ch)) return 0.3;
  if (SEMI_NARROW.has(ch)) return 0.4;
  if (WIDE.has(ch)) return 0.95;
  if (/[A-Z]/.test(ch)) return 0.72;
  if (/[0-9]/.test(ch)) return 0.64;
  return 0.61;
}

/**
 * Text width as the PNG (DejaVu Sans) will draw it. ECharts' SSR estimate is for a narrower
 * Helvetica-like font, so legends and axis labels were laid out too tight and got clipped.
 */
export function measureText(text: string, font?: string): { width: number } {
  const size = Number(/(\d+(?:\.\d+)?)px/.exec(font ?? '')?.[1] ?? 12);
  let ems = 0;
  for (const ch of text) ems += emWidth(ch);
  return { width: ems * size };
}
echarts.setPlatformAPI({ measureText });

/** Rows a bottom legend of these names needs across the chart (ECharts wraps but doesn't make room). */
function legendRows(names: readonly string[], width: number): number {
  const available = width - 2 * LEGEND_MARGIN;
  let rows = 1;
  let used = 0;
  for (const name of names) {
    const item = LEGEND_ICON + measureText(name, `${LEGEND_FONT}px`).width + LEGEND.itemGap;
    if (used > 0 && used + item > available) {
      rows++;
      used = 0;
    }
    used += item;
  }
  return rows;
}

/** Breaks a label at spaces into lines of at most `max` characters (a longer word keeps its line). */
function wrapLabel(label: string, max = LABEL_LINE): string {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter(Boolean)) {
    if (line && line.length + 1 + word.length > max) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n');
}
/** Teams in the pressure chart besides "All teams". */
const PRESSURE_TEAMS = 12;

/**
 * The report's three charts as SVG, drawn on the server by ECharts: allocation against target per
 * goal, the eight-week trend, and the executive against rank-and-file split by team. No animation
 * and ids derived from the chart's name, so the same report always gives the same bytes.
 */
export function renderCharts(report: Report): Chart[] {
  return [allocationChart(report), trendChart(report), pressureChart(report)].map((spec) => ({
    ...spec,
    svg: toSvg(spec.id, spec.width, spec.height, spec.alt, spec.option),
  }));
}

interface ChartSpec extends Omit<Chart, 'svg'> {
  option: EChartsOption;
}

function toSvg(id: ChartId, width: number, height: number, alt: string, option: EChartsOption): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({
      animation: false,
      backgroundColor: '#ffffff',
      textStyle: { fontFamily: FONT_FAMILY },
      ...option,
    });
    const svg = stableIds(chart.renderToSVGString(), id);
    return svg.replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(alt)}" `);
  } finally {
    chart.dispose();
  }
}

/**
 * zrender numbers its instances and style classes per process (`zr3-c0`, `zr0-cls-21`), so the same
 * chart drawn later in a process gets other names. Renames them after the chart, numbered by first
 * appearance: `allocation-c0`, `allocation-cls-0`.
 */
function stableIds(svg: string, id: ChartId): string {
  const names = new Map<string, string>();
  const counts = new Map<string, number>();
  return svg.replace(/\bzr\d+-([a-z]+-?)(\d+)\b/g, (token: string, kind: string) => {
    let name = names.get(token);
    if (name === undefined) {
      const n = counts.get(kind) ?? 0;
      counts.set(kind, n + 1);
      name = `${id}-${kind}${n}`;
      names.set(token, name);
    }
    return name;
  });
}

/** ECharts measures text without the reader's font: wide gaps keep legend entries apart in any. */
const LEGEND = { bottom: 8, itemGap: 28 };
const LEGEND_ICON = 30;
const LEGEND_FONT = 12;
const LEGEND_MARGIN = 5;
const LEGEND_ROW = 24;

const percentAxis = (max: number) => ({
  type: 'value' as const,
  min: 0,
  max,
  axisLabel: { formatter: '{value}%' },
});

/** A little headroom above the largest value, in tens, at most 100. */
const axisMax = (values: readonly number[]): number =>
  Math.min(100, Math.max(10, Math.ceil((Math.max(0, ...values) + 5) / 10) * 10));

/** Reports stored before last week's run and unaligned shares were kept have none to draw. */
const lastPct = (share: number | null | undefined): number | null =>
  share === null || share === undefined ? null : pct(share);

function allocationChart(report: Report): ChartSpec {
  const rows = [
    ...report.allocation.map((r) => ({
      label: goalName(r),
      actual: pct(r.actual),
      last: lastPct(r.lastWeek),
      target: pct(r.target) as number | null,
      colour: STATUS_COLOURS[r.status],
    })),
    {
      label: 'Run (keep the lights on)',
      actual: pct(report.runShare),
      last: lastPct(report.lastWeekRunShare),
      target: report.runTarget === undefined ? null : pct(report.runTarget),
      colour: '#607d8b',
    },
    {
      label: 'No goal',
      actual: pct(report.unalignedShare),
      last: lastPct(report.lastWeekUnalignedShare),
      target: null,
      colour: '#9e9e9e',
    },
  ];
  const max = axisMax(rows.flatMap((r) => [r.actual, r.last ?? 0, r.target ?? 0]));
  const labels = rows.map((r) => wrapLabel(r.label));
  return {
    id: 'allocation',
    title: 'Delivered effort against target',
    alt:
      `Share of delivered effort in ${report.week} against target: ` +
      rows
        .map(
          (r) =>
            `${r.label} ${r.actual}%` +
            aside(
              [
                r.target === null ? null : `target ${r.target}%`,
                r.last === null ? null : `last week ${r.last}%`,
              ],
              ', ',
            ),
        )
        .join(', '),
    width: WIDTH,
    height: 90 + rows.length * 46,
    option: {
      grid: { left: 16, right: 48, top: 16, bottom: 56, containLabel: true },
      legend: { ...LEGEND, data: ['This week', 'Last week', 'Target'] },
      xAxis: percentAxis(max),
      yAxis: { type: 'category', inverse: true, data: labels, axisTick: { show: false } },
      series: [
        {
          name: 'This week',
          type: 'bar',
          barGap: '10%',
          data: rows.map((r) => ({ value: r.actual, itemStyle: { color: r.colour } })),
          itemStyle: { color: '#4e79a7' },
          label: { show: true, position: 'right', formatter: '{c}%' },
        },
        {
          name: 'Last week',
          type: 'bar',
          data: rows.map((r) => r.last ?? '-'),
          itemStyle: { color: '#c5cad3' },
        },
        {
          name: 'Target',
          type: 'scatter',
          symbol: 'rect',
          symbolSize: [4, 30],
          itemStyle: { color: '#212121' },
          data: rows.flatMap((r, i) => (r.target === null ? [] : [[r.target, i]])),
        },
      ],
    },
  };
}

function trendChart(report: Report): ChartSpec {
  const weeks = report.allocation[0]?.trend?.map((t) => t.week) ?? [report.week];
  const series = report.allocation.map((r, i) => {
    const colour = SERIES_COLOURS[i % SERIES_COLOURS.length]!;
    const byWeek = new Map(
      (r.trend ?? [{ week: report.week, actual: r.actual }]).map((t) => [t.week, t.actual]),
    );
    return {
      name: goalName(r),
      type: 'line' as const,
      connectNulls: false,
      symbol: 'circle',
      symbolSize: 6,
      itemStyle: { color: colour },
      lineStyle: { color: colour, width: 2 },
      data: weeks.map((w) => {
        const v = byWeek.get(w);
        return v === null || v === undefined ? '-' : pct(v);
      }),
      markLine: {
        silent: true,
        symbol: 'none',
        label: { show: false },
        lineStyle: { color: colour, type: 'dashed' as const, width: 1 },
        data: [{ yAxis: pct(r.target) }],
      },
    };
  });
  const values = report.allocation.flatMap((r) => [
    pct(r.target),
    ...(r.trend ?? []).map((t) => pct(t.actual ?? 0)),
  ]);
  const extraRows =
    legendRows(
      series.map((s) => s.name),
      WIDTH,
    ) - 1;
  return {
    id: 'trend',
    title: 'Eight-week trend',
    alt:
      `Share of delivered effort per goal over ${weeks[0]} to ${weeks.at(-1)}; dashed lines are targets: ` +
      series
        .map((s) => `${s.name} ${s.data.map((d) => (d === '-' ? 'no data' : `${d}%`)).join(', ')}`)
        .join('; '),
    width: WIDTH,
    height: 360 + extraRows * LEGEND_ROW,
    option: {
      grid: { left: 16, right: 24, top: 24, bottom: 72 + extraRows * LEGEND_ROW, containLabel: true },
      legend: LEGEND,
      xAxis: { type: 'category', data: weeks.map((w) => w.slice(5)), boundaryGap: false },
      yAxis: percentAxis(axisMax(values)),
      series,
    },
  };
}

function pressureChart(report: Report): ChartSpec {
  const rp = report.requestPressure;
  const rows = [
    { label: 'All teams', executive: pct(rp.executiveShare), rankAndFile: pct(rp.rankAndFileShare) },
    ...pressureTeams(report)
      .slice(0, PRESSURE_TEAMS)
      .map((t) => ({
        label: t.pressured ? `${t.team} ⚠` : t.team,
        executive: pct(t.executiveShare),
        rankAndFile: pct(t.rankAndFileShare),
      })),
  ];
  const bar = (name: string, colour: string, values: number[]) => ({
    name,
    type: 'bar' as const,
    stack: 'effort',
    barWidth: 18,
    itemStyle: { color: colour },
    label: {
      show: true,
      formatter: (p: { value: unknown }) => (Number(p.value) >= 8 ? `${String(p.value)}%` : ''),
    },
    data: values,
  });
  return {
    id: 'pressure',
    title: 'Executive priorities against rank-and-file requests',
    alt:
      `Share of ${report.week}'s effort on executive priorities and on rank-and-file requests off the top goals: ` +
      rows.map((r) => `${r.label} ${r.executive}% and ${r.rankAndFile}%`).join(', '),
    width: WIDTH,
    height: 90 + rows.length * 34,
    option: {
      grid: { left: 16, right: 24, top: 16, bottom: 56, containLabel: true },
      legend: LEGEND,
      xAxis: percentAxis(100),
      yAxis: { type: 'category', inverse: true, data: rows.map((r) => r.label), axisTick: { show: false } },
      series: [
        bar(
          'Executive priorities',
          '#4e79a7',
          rows.map((r) => r.executive),
        ),
        bar(
          'Rank-and-file requests',
          '#e15759',
          rows.map((r) => r.rankAndFile),
        ),
        bar(
          'Other work',
          '#dde1e7',
          rows.map((r) => Math.max(0, 100 - r.executive - r.rankAndFile)),
        ),
      ],
    },
  };
}

const require = createRequire(import.meta.url);
let resvg: Promise<Uint8Array[]> | undefined;

/** Loads resvg's WebAssembly once per process, with the DejaVu fonts bearing ships (never system fonts). */
function resvgFonts(): Promise<Uint8Array[]> {
  resvg ??= (async () => {
    await initWasm(readFile(require.resolve('@resvg/resvg-wasm/index_bg.wasm')));
    return Promise.all(
      ['DejaVuSans.ttf', 'DejaVuSans-Bold.ttf'].map(
        async (f) => new Uint8Array(await readFile(require.resolve(`dejavu-fonts-ttf/ttf/${f}`))),
      ),
    );
  })();
  return resvg;
}

/** A chart as PNG at twice its size (sharp on high-density screens), for mail clients that strip SVG. */
export async function chartPng(chart: Chart): Promise<Uint8Array> {
  const fontBuffers = await resvgFonts();
  const renderer = new Resvg(chart.svg, {
    font: { fontBuffers, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
    fitTo: { mode: 'zoom', value: 2 },
    background: '#ffffff',
  });
  try {
    const image = renderer.render();
    try {
      return image.asPng();
    } finally {
      image.free();
    }
  } finally {
    renderer.free();
  }
}
