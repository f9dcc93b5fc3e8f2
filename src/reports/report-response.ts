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
 * Ends a streamed response. A failure before anything was sent is thrown, to be answered as any
 * error is; once part of the report was sent, the connection is cut so that the client cannot
 * take a truncated report for a whole one (and the error still thrown, to be logged). A client
 * that went away has nothing to be told.
 */
export async function streamed(res: Response, write: () => Promise<void>): Promise<void> {
  try {
    await write();
    res.end();
  } catch (error) {
    if (error instanceof ClientGoneError) return;
    if (res.headersSent) res.destroy();
    throw error;
  }
}
