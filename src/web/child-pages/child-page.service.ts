import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ETHNICITY_CODES, ETHNICITY_LABELS, SEX_CODES, SEX_LABELS, UPN_UNKNOWN_CODES, UPN_UNKNOWN_LABELS } from '../../../workflows/sen2/index.js';
import { AccessLogService } from '../../access-log/access-log.service.js';
import { rolesGrant } from '../../auth/permissions.js';
import { ChildrenService, type ChildView } from '../../children/children.service.js';
import type { RequestContext } from '../../common/request-context.js';
import { casePath, planPath } from '../format/case-summary.js';
import { formatDate } from '../format/dates.js';
import type { FormErrors } from '../format/form-errors.js';
import { codeOptions, codeOrNone } from '../format/sen2-codes.js';


/** A form shown again after a refusal: what was typed, and what is wrong with it. */
export interface FailedIdentityForm {
  values: Record<string, unknown>;
  errors: FormErrors;
}

/**
 * The child record as its page shows it: the identity items the SEN2 return needs, who the child
 * is (the name and date of birth of the child's first case or plan), and the child's cases and
 * plans. Every showing is a read of the child's data, written to the access log.
 */
@Injectable()
export class ChildPage {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly children: ChildrenService,
    private readonly accessLog: AccessLogService,
  ) {}

  async view(context: RequestContext, route: string, childId: string, failed?: FailedIdentityForm) {
    const child = await this.children.get(context.authority, childId);
    await this.accessLog.record(context, 'child_read', route, [childId]);
    const [person] = await this.db.query(
      `SELECT child_given_name, child_family_name, child_date_of_birth FROM (
         SELECT child_given_name, child_family_name, child_date_of_birth, created_at FROM ehc_case WHERE child_id = $1 AND local_authority_id = $2
         UNION ALL
         SELECT child_given_name, child_family_name, child_date_of_birth, created_at FROM ehc_plan WHERE child_id = $1 AND local_authority_id = $2) p
       ORDER BY created_at LIMIT 1`,
      [childId, context.authority.id],
    );
    return {
      id: child.id,
      version: child.version,
      childName: person ? `${person.child_given_name} ${person.child_family_name}` : 'Child record',
      dateOfBirth: person ? formatDate(person.child_date_of_birth) : undefined,
      items: itemRows(child),
      cases: child.cases.map((c) => ({ reference: c.reference, href: casePath(c.id) })),
      plans: child.plans.map((p) => ({ reference: p.reference, href: planPath(p.id) })),
      mayChange: rolesGrant(context.user?.roles ?? [], 'cases:write'),
      values: failed?.values ?? formValues(child),
      errors: failed?.errors,
      options: {
        sex: codeOptions(SEX_CODES, SEX_LABELS),
        ethnicity: codeOptions(ETHNICITY_CODES, ETHNICITY_LABELS, 'Not yet known'),
        upnUnknown: codeOptions(UPN_UNKNOWN_CODES, UPN_UNKNOWN_LABELS, 'Not needed (the child has a UPN or ULN), or not yet known'),
      },
    };
  }
}

const NOT_KNOWN = 'Not yet known';

function itemRows(child: ChildView) {
  const label = (labels: Record<string, string>, code: string | null) => codeOrNone(labels, code, NOT_KNOWN);
  return [
    { key: 'Unique pupil number (UPN)', value: child.upn ?? NOT_KNOWN },
    { key: 'Unique learner number (ULN)', value: child.uln ?? NOT_KNOWN },
    { key: 'Why neither is held', value: child.upnUnknown === null ? 'Not recorded' : label(UPN_UNKNOWN_LABELS, child.upnUnknown) },
    { key: 'Sex', value: label(SEX_LABELS, child.sex) },
    { key: 'Ethnicity', value: label(ETHNICITY_LABELS, child.ethnicity) },
    { key: 'Postcode', value: child.postcode ?? NOT_KNOWN },
  ];
}

const formValues = (child: ChildView): Record<string, string> => ({
  upn: child.upn ?? '',
  uln: child.uln ?? '',
  upnUnknown: child.upnUnknown ?? '',
  sex: child.sex ?? '',
  ethnicity: child.ethnicity ?? '',
  postcode: child.postcode ?? '',
});
