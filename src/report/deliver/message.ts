/**
 * What the delivery channels send: the rendered report as mail and chat need it. report/render
 * produces it; report/deliver only transports it.
 */
export interface ReportMessage {
  /** ISO week, e.g. `2026-W47`. */
  week: string;
  /** One line naming the week and what needs attention ("2026-W47: 2 goals red"). */
  subject: string;
  /** Plain-text part of the mail (the Markdown summary reads fine as text). */
  text: string;
  /** Markdown summary for chat webhooks. */
  markdown: string;
  /** HTML for mail: charts are `<img src="cid:{chart.cid}">`, no SVG, no external requests. */
  mailHtml: string;
  /** PNG charts referenced by `mailHtml`. */
  charts: readonly ReportChart[];
  /** Absolute directory the report files were written to (`<report.out>/<week>`). */
  dir: string;
}

export interface ReportChart {
  /** Content-ID referenced from `mailHtml`, e.g. `allocation@bearing`. */
  cid: string;
  /** File name of the PNG beside the report, e.g. `allocation.png`. */
  filename: string;
  png: Uint8Array;
}
