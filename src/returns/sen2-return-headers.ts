import type { Response } from 'express';
import type { ProducedReturn } from './sen2-return.service.js';

/**
 * The headers of a produced return, before its first byte: the same for the API
 * (`GET /api/returns/sen2`) and the SEN team's download page, so X-SEN2-Errors flags a return
 * that is not ready to submit however it was fetched.
 */
export function sendReturnHeaders(res: Response, produced: ProducedReturn): void {
  res.status(200);
  res.setHeader('Content-Type', 'application/xml; charset=utf-8');
  res.setHeader('Content-Disposition', `attachment; filename="${produced.fileName}"`);
  res.setHeader('X-SEN2-Serial-No', produced.serialNo);
  res.setHeader('X-SEN2-Persons', String(produced.persons));
  res.setHeader('X-SEN2-Errors', String(produced.errors));
  res.setHeader('X-SEN2-Warnings', String(produced.warnings));
}
