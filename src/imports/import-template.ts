import { CONTRIBUTORS, REQUEST_SOURCES } from '../../workflows/ehc-needs-assessment/index.js';
import { CEASE_REASONS, REVIEW_DECISIONS } from '../../workflows/ehc-plan/index.js';

/** The advice an import carries: the four the assessment always seeks (reg 6(1)(b)-(e)). */
export const IMPORTED_ADVICE = ['education', 'health', 'social_care', 'educational_psychology'] as const satisfies readonly (typeof CONTRIBUTORS)[number][];

export interface ImportColumn {
  name: string;
  /** The rows it belongs to: `both`, or only assessment or plan rows. */
  rows: 'both' | 'assessment' | 'plan';
  description: string;
}

const column = (name: string, rows: ImportColumn['rows'], description: string): ImportColumn => ({ name, rows, description });

const adviceColumns = IMPORTED_ADVICE.flatMap((contributor) => [
  column(`advice_${contributor}_requested_on`, 'assessment', `The day ${contributor.replace(/_/g, ' ')} advice was asked for (reg 8(1): due 6 weeks later).`),
  column(`advice_${contributor}_received_on`, 'assessment', `The day that advice arrived.`),
]);

/**
 * The caseload import's one template (README "Importing a caseload"): one row per open or closed
 * assessment, or per maintained plan whose assessment is not in the file. Dates are YYYY-MM-DD
 * or DD/MM/YYYY. A column may be left out of the file, or left empty, when it does not apply.
 */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  column('record', 'both', '`assessment` or `plan`.'),
  column('legacy_reference', 'both', 'The record’s reference in the previous system, unique in the authority: re-importing a row with it skips the row.'),
  column('given_name', 'both', 'The child’s given name.'),
  column('family_name', 'both', 'The child’s family name.'),
  column('date_of_birth', 'both', 'The child’s date of birth.'),
  column('upn', 'both', 'Unique Pupil Number (13 characters, check letter first); rows with the same UPN are one child.'),
  column('uln', 'both', 'Unique Learner Number (10 digits).'),
  column('upn_unknown', 'both', 'SEN2 UPNunknown code (UN1–UN10) when there is neither.'),
  column('sex', 'both', 'SEN2 sex code (M, F).'),
  column('ethnicity', 'both', 'DfE ethnicity code.'),
  column('postcode', 'both', 'The child’s home postcode.'),
  column('assigned_to', 'both', 'The email of the caseworker’s account in this engine.'),
  column('request_received_on', 'assessment', 'The day the request reached any part of the authority (s.36(1)).'),
  column('request_source', 'assessment', `Who asked: ${REQUEST_SOURCES.join(', ')}.`),
  column('decision_to_assess', 'assessment', '`assess` or `decline`.'),
  column('decision_to_assess_on', 'assessment', 'The day the authority decided.'),
  column('decision_to_assess_told_on', 'assessment', 'The day the family was told (meets the 6 weeks); the decision day when empty.'),
  column('decline_reasons', 'assessment', 'Why the authority declined (required with `decline`).'),
  ...adviceColumns,
  column('decision_to_issue', 'assessment', '`issue` or `not_issue`.'),
  column('decision_to_issue_on', 'assessment', 'The day the authority decided.'),
  column('decision_to_issue_told_on', 'assessment', 'The day the family was told; the decision day when empty.'),
  column('not_issue_reasons', 'assessment', 'Why no plan will be issued (required with `not_issue`).'),
  column('draft_plan_issued_on', 'assessment', 'The day the draft plan went to the family (at least 15 days before the final).'),
  column('final_plan_issued_on', 'assessment', 'The day the final plan was issued: the plan starts then (or on its told day).'),
  column('final_plan_told_on', 'assessment', 'The day the family received the final plan (meets the 20 weeks); the issue day when empty.'),
  column('named_setting', 'both', 'The school, college or other setting named in section I.'),
  column('withdrawn_on', 'assessment', 'The day the request was withdrawn.'),
  column('withdrawn_reason', 'assessment', 'Who withdrew it and why (required with `withdrawn_on`).'),
  column('plan_started_on', 'plan', 'The day the plan was made (its final version served).'),
  column('transferred_in_on', 'plan', 'The day the plan transferred in from another authority (reg 15).'),
  column('from_authority', 'plan', 'The authority it transferred from.'),
  column('last_review_meeting_on', 'both', 'The meeting of the plan’s last annual review: the next is due within 12 months of it.'),
  column('last_review_decision', 'both', `The decision after it: ${REVIEW_DECISIONS.join(', ')}; empty while undecided (due 4 weeks after the meeting).`),
  column('last_review_decision_on', 'both', 'The day the family was told the decision.'),
  column('last_review_reasons', 'both', 'The reasons given (required with `cease`).'),
  column('cease_reason', 'both', `The SEN2 cease reason code (${CEASE_REASONS[0]}–${CEASE_REASONS.at(-1)}) with \`cease\`.`),
];

export const IMPORT_COLUMN_NAMES = IMPORT_COLUMNS.map((c) => c.name);

/** The template as a file: its header line (GET /api/imports/template and the page's link). */
export const IMPORT_TEMPLATE_CSV = `${IMPORT_COLUMN_NAMES.join(',')}\r\n`;

/** What multer takes of an upload, for the API and the page alike: one file up to the limit, and the form's few fields. */
export const importUploadLimits = (maxBytes: number) => ({ fileSize: maxBytes, files: 1, fields: 5 });
