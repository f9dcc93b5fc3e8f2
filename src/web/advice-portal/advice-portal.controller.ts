import { Body, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import type { AdviceAsked, LinkOutcome, ReceiveOutcome } from '../../advice/advice-portal.service.js';
import { AdvicePortalService } from '../../advice/advice-portal.service.js';
import { checkSubmission, megabytes } from '../../advice/advice-submission.js';
import { sendDocument } from '../../advice/advice.controller.js';
import { Public } from '../../auth/permissions.js';
import { AdvicePortalRateLimited } from '../../auth/rate-limits.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { PageController } from '../page-controller.decorator.js';
import type { AdviceUploadRequest } from './advice-upload.js';
import { askedView, type PortalProblem, stillStandsOf } from './advice-portal-view.js';

/** A used or expired link is gone for good (410); an unknown or revoked one is simply not found (404), the same page for both. */
const UNAVAILABLE_STATUS = { used: 410, expired: 410, unusable: 404 } as const;

const NONE_CHOSEN: PortalProblem = { field: 'stillStands', message: 'Select the advice that still stands, or send new advice below', status: 400 };
/** Stale after the page was shown (another case's advice erased, a year passed) or tampered with: either way, nothing is kept. */
const NOT_OFFERED: PortalProblem = { field: 'stillStands', message: 'Select only advice shown on this page: what you chose is not offered for reuse', status: 400 };

/**
 * The advice portal's page (issue 16 item 2), for a professional with no account: the token in
 * the address is the credential, so the routes are public, rate-limited per address, and every
 * showing of the child is in the access log under the contact's address.
 */
@PageController('advice')
export class AdvicePortalController {
  constructor(
    private readonly portal: AdvicePortalService,
    @Inject(AppConfigToken) private readonly config: AppConfig,
  ) {}

  @Get(':token')
  @Public()
  @AdvicePortalRateLimited()
  // Logged by the service when the page shows the child.
  @LogsChildData('advice_link_read')
  async show(@Param('token') token: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    this.answer(res, await this.portal.open(token, loggedRoute(req)), token);
  }

  /** A refused upload is the page again with what was wrong, having kept nothing. */
  @Post(':token')
  @HttpCode(200)
  @Public()
  @AdvicePortalRateLimited()
  // Logged by the service, with the upload, in its transaction.
  @LogsChildData('advice_upload')
  async send(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() req: AdviceUploadRequest, @Res() res: Response): Promise<void> {
    const text = typeof body.text === 'string' ? body.text : undefined;
    const file = req.file && { originalName: req.file.originalname, content: req.file.buffer };
    const checked = checkSubmission({ file, fileTooLarge: req.fileTooLarge, text }, this.config.advice.maxBytes);
    if ('problems' in checked) return this.refuse(res, req, token, { text }, checked.problems);
    const outcome = await this.portal.receive(token, { documents: checked.documents }, loggedRoute(req));
    if (outcome.state === 'refused') return this.refuse(res, req, token, { text }, [{ field: 'file', ...outcome.problem }]);
    if (outcome.state !== 'open') return this.refused(res, outcome, token);
    res.render('advice-portal/received.njk', { asked: askedView(outcome.asked, token), files: checked.documents.map((d) => d.filename) });
  }

  /**
   * "Tell it once" (SEND Regs 2014 reg 6(4)): the contributor confirms that earlier advice the page
   * offers still stands, and it is received today as if uploaded. No choice, or one the page does
   * not offer, is the page again saying so, having kept nothing.
   */
  @Post(':token/still-stands')
  @HttpCode(200)
  @Public()
  @AdvicePortalRateLimited()
  // Logged by the service, with the advice received, in its transaction.
  @LogsChildData('advice_upload')
  async confirm(@Param('token') token: string, @Body() body: Record<string, unknown>, @Req() req: Request, @Res() res: Response): Promise<void> {
    const chosen = stillStandsOf(body);
    if (chosen.length === 0) return this.refuse(res, req, token, {}, [NONE_CHOSEN]);
    const outcome = await this.portal.receive(token, { stillStands: chosen }, loggedRoute(req));
    if (outcome.state === 'refused') return this.refuse(res, req, token, { stillStands: chosen }, [{ field: 'stillStands', ...outcome.problem }]);
    if (outcome.state !== 'open') return this.refused(res, outcome, token, chosen);
    const files = outcome.asked.reusable.filter((advice) => chosen.includes(advice.id)).map((advice) => advice.filename);
    res.render('advice-portal/received.njk', { asked: askedView(outcome.asked, token), files, stillStands: true });
  }

  /** Earlier advice the page offers, to read before confirming it still stands. */
  @Get(':token/earlier/:documentId')
  @Public()
  @AdvicePortalRateLimited()
  // Logged by the service once the document is found, under its own case.
  @LogsChildData('advice_document_read')
  async earlier(@Param('token') token: string, @Param('documentId') documentId: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const outcome = await this.portal.earlierFile(token, documentId, loggedRoute(req));
    if (outcome.state !== 'open') return this.answer(res, outcome, token);
    sendDocument(res, outcome.file);
  }

  /** The form again, with what was wrong and what was sent; it shows the child, so it is opened (and logged) anew. */
  private async refuse(res: Response, req: Request, token: string, values: { text?: string; stillStands?: string[] }, problems: PortalProblem[]): Promise<void> {
    const opened = await this.portal.open(token, loggedRoute(req));
    if (opened.state !== 'open') return this.answer(res, opened, token);
    this.form(res, opened.asked, token, values, problems);
  }

  private refused(res: Response, outcome: Exclude<ReceiveOutcome, { state: 'open' | 'refused' }>, token: string, chosen: string[] = []): void {
    if (outcome.state === 'not_offered') return this.form(res, outcome.asked, token, { stillStands: chosen }, [NOT_OFFERED]);
    this.answer(res, outcome, token);
  }

  private answer(res: Response, outcome: LinkOutcome, token: string): void {
    if (outcome.state === 'open') return this.form(res, outcome.asked, token, {});
    res.status(UNAVAILABLE_STATUS[outcome.state]).render('advice-portal/unavailable.njk', { state: outcome.state });
  }

  private form(res: Response, asked: AdviceAsked, token: string, values: { text?: string; stillStands?: string[] }, problems: PortalProblem[] = []): void {
    const errors = problems.length === 0 ? undefined : {
      summary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
      fields: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    };
    const status = problems.length > 0 ? Math.max(...problems.map((p) => p.status)) : 200;
    const action = `/advice/${encodeURIComponent(token)}`;
    res.status(status).render('advice-portal/request.njk', { asked: askedView(asked, token, values.stillStands), action, reuseAction: `${action}/still-stands`, values, errors, maxSize: megabytes(this.config.advice.maxBytes) });
  }
}
