import { Controller, createParamDecorator, type ExecutionContext, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { LogsChildData } from '../access-log/logs-child-data.decorator.js';
import { RequirePermission } from '../auth/permissions.js';
import { ActingAuthority, type RequestContext, requestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { DataProtectionService, type PlanSubjectAccessExport, type RetentionDue, type SubjectAccessExport } from './data-protection.service.js';

/** The whole request context: the export records who asked, for which authority. */
const Caller = createParamDecorator((_: unknown, ctx: ExecutionContext): RequestContext => requestContext(ctx));

@ApiTags('data-protection')
@Controller()
export class DataProtectionController {
  constructor(private readonly dataProtection: DataProtectionService) {}

  @Get('cases/:id/export')
  @RequirePermission('cases:export')
  // Logged by the service before it reads the log, so the export includes itself.
  @LogsChildData('case_export')
  @ApiOperation({ summary: 'Subject access request: everything held about the child of this case, as JSON (logged).' })
  @ApiOkResponse({ description: '{ exportedAt, exportedBy, case, trail, accessLog, notices, advice, family, child, plan }: notices are the statutory notices sent on the case, each version as it went out ({ notice, version, method, recipient, sentTo, sentOn, servedOn, deliveries, text, html, pdfBase64, pdfSha256, … }); child is the child record ({ record, identityChanges, accessLog }: its SEN2 identity items, every change of them, who read it); plan is the maintained plan the case made ({ plan, trail, notices, sen2, sen2Changes, accessLog }: sen2 as GET /api/plans/:id/sen2 answers it, with every change of it), or null; advice is the advice portal’s links and documents, each document’s content in base64 read through the document store; family is who in the family may see the case (contacts, revoked ones included), their messages with the answers and each document’s content in base64, and every update emailed to them (updates, with deliveries).' })
  @ApiNotFoundResponse()
  @ApiServiceUnavailableResponse({ description: 'DOCUMENT_STORE_UNAVAILABLE: an advice document kept in the S3-compatible store could not be read.' })
  export(@Caller() caller: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<SubjectAccessExport> {
    return this.dataProtection.export(caller, id);
  }

  @Get('plans/:id/export')
  @RequirePermission('cases:export')
  // Logged by the service before it reads the log, so the export includes itself.
  @LogsChildData('plan_export')
  @ApiOperation({ summary: 'Subject access request for a maintained plan, which a plan entered directly reaches by no case: the plan and the child, as JSON (logged).' })
  @ApiOkResponse({ description: '{ exportedAt, exportedBy, plan, child, caseId }: plan as the case export carries it ({ plan, trail, notices, sen2, sen2Changes, accessLog }, notices each version as it went out), child the child record ({ record, identityChanges, accessLog }), caseId the assessment that made the plan (GET /api/cases/:id/export), or null.' })
  @ApiNotFoundResponse()
  exportPlan(@Caller() caller: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<PlanSubjectAccessExport> {
    return this.dataProtection.exportPlan(caller, id);
  }

  @Get('retention/due')
  @RequirePermission('retention:read')
  @ApiOperation({ summary: 'Closed cases past their retention period (RETENTION_YEARS after closing), for review.' })
  @ApiOkResponse({ description: '[{ id, reference, status, closedOn, retainUntil }]' })
  retentionDue(@ActingAuthority() authority: LocalAuthority): Promise<RetentionDue[]> {
    return this.dataProtection.retentionDue(authority.id);
  }
}
