import type { Response } from 'express';
import type { ReportFormat } from './report-query.dto.js';

/** CSV when asked for by `?format=csv` or, without a format, by `Accept: text/csv`. */
export function wantsCsv(format: ReportFormat | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && (accept ?? '').includes('text/csv'));
}

/** A download named after the report and its period. */
export function sendCsv(res: Response, name: string, csv: string): string {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
  return csv;
}
