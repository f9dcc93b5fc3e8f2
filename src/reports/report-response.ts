import type { Response } from 'express';
import type { ReportFormat } from './report-query.dto.js';
import { ClientGoneError } from './report-stream.js';

/** CSV when asked for by `?format=csv` or, without a format, by `Accept: text/csv`. */
export function wantsCsv(format: ReportFormat | undefined, accept: string | undefined): boolean {
  return format === 'csv' || (format === undefined && (accept ?? '').includes('text/csv'));
}

/** The headers of a CSV download named after the report and its period. */
export function csvHeaders(res: Response, name: string): void {
  res.setHeader('Content-Type', 'text/csv; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${name}.csv"`);
}

/** A download named after the report and its period. */
export function sendCsv(res: Response, name: string, csv: string): string {
  csvHeaders(res, name);
  return csv;
}

/** The header Express's res.json sets, for a JSON document written in chunks. */
export function jsonHeaders(res: Response): void {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
}

/**
 * Ends a streamed response; after a failure once part of it was sent, cuts the connection so
 * that the client cannot take a truncated report for a whole one (the error is still thrown, to
 * be logged, unless the client itself went away).
 */
export async function streamed(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
    res.end();
  } catch (error) {
    if (!res.headersSent) throw error;
    res.destroy();
    if (!(error instanceof ClientGoneError)) throw error;
  }
}
