import { Body, Get, HttpCode, Inject, Param, Post, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { loggedRoute, LogsChildData } from '../../access-log/logs-child-data.decorator.js';
import type { AdviceAsked, LinkOutcome } from '../../advice/advice-portal.service.js';
import { AdvicePortalService } from '../../advice/advice-portal.service.js';
import { checkSubmission, megabytes, type SubmissionProblem } from '../../advice/advice-submission.js';
import { Public } from '../../auth/permissions.js';
import { AdvicePortalRateLimited } from '../../auth/rate-limits.js';
import { AppConfigToken } from '../../config/app-config.provider.js';
import type { AppConfig } from '../../config/app-config.js';
import { formatDate } from '../format/dates.js';
import { CONTRIBUTOR_LABELS } from '../format/labels.js';
import { PageController } from '../page-controller.decorator.js';
import type { AdviceUploadRequest } from './advice-upload.js';

/** A used or expired link is gone for good (410); an unknown or revoked one is simply not found (404), the same page for both. */
const UNAVAILABLE_STATUS = { used: 410, expired: 410, unusable: 404 } as const;

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
    if ('problems' in checked) return this.refuse(res, req, token, text, checked.problems);
    const outcome = await this.portal.receive(token, checked.documents, loggedRoute(req));
    if (outcome.state === 'refused') return this.refuse(res, req, token, text, [{ field: 'file', ...outcome.problem }]);
    if (outcome.state !== 'open') return this.answer(res, outcome, token);
    res.render('advice-portal/received.njk', { asked: askedView(outcome.asked), files: checked.documents.map((d) => d.filename) });
  }

  /** The form again, with what was wrong and the typed advice as sent; it shows the child, so it is opened (and logged) anew. */
  private async refuse(res: Response, req: Request, token: string, text: string | undefined, problems: SubmissionProblem[]): Promise<void> {
    const opened = await this.portal.open(token, loggedRoute(req));
    if (opened.state !== 'open') return this.answer(res, opened, token);
    this.form(res, opened.asked, token, { text }, problems);
  }

  private answer(res: Response, outcome: LinkOutcome, token: string): void {
    if (outcome.state === 'open') return this.form(res, outcome.asked, token, {});
    res.status(UNAVAILABLE_STATUS[outcome.state]).render('advice-portal/unavailable.njk', { state: outcome.state });
  }

  private form(res: Response, asked: AdviceAsked, token: string, values: { text?: string }, problems: SubmissionProblem[] = []): void {
    const errors = problems.length === 0 ? undefined : {
      summary: problems.map((p) => ({ text: p.message, href: `#${p.field}` })),
      fields: Object.fromEntries(problems.map((p) => [p.field, { text: p.message }])),
    };
    const status = problems.length > 0 ? Math.max(...problems.map((p) => p.status)) : 200;
    res.status(status).render('advice-portal/request.njk', { asked: askedView(asked), action: `/advice/${encodeURIComponent(token)}`, values, errors, maxSize: megabytes(this.config.advice.maxBytes) });
  }
}

function askedView(asked: AdviceAsked) {
  const { request } = asked;
  return {
    authority: asked.authority,
    reference: asked.reference,
    childName: `${asked.child.givenName} ${asked.child.familyName}`,
    dateOfBirth: formatDate(asked.child.dateOfBirth),
    contributor: CONTRIBUTOR_LABELS[request.contributor],
    body: request.body,
    contact: [request.contact?.name, request.contact?.organisation].filter(Boolean).join(', '),
    requestedOn: formatDate(request.requestedOn),
    dueOn: formatDate(asked.dueOn),
    expiresOn: formatDate(asked.expiresOn),
    team: asked.team,
  };
}
