import type { DataSource } from 'typeorm';
import { countByDecision, counted, disputeLimitStatusSql, factSql, PERIOD_PARAMS, type ByDecision } from './dispute-figures.js';
import type { Period } from './report-period.js';

const OUTCOMES = ['declined', 'agreementReached', 'noAgreement', 'mediating', 'considering', 'disputeClosedFirst'] as const;
const TIMELINESS = ['meetingsWithin30Days', 'meetingsLate', 'meetingsOverdue', 'certificatesWithin3WorkingDays', 'certificatesLate', 'certificatesOverdue'] as const;
const FIELDS = ['adviceContacted', ...OUTCOMES, 'followedByAppeal', ...TIMELINESS] as const;

/**
 * The mediations begun in a period: disputes whose family contacted a mediation adviser (reg 33)
 * in it, by what has become of the mediation as of today. The six outcomes add up to
 * `adviceContacted`.
 */
export interface MediationFigures {
  adviceContacted: number;
  /** The family told the adviser it did not want mediation (reg 34): a certificate only. */
  declined: number;
  /** Mediation ended with a written agreement (reg 42). */
  agreementReached: number;
  /** Mediation ended without one (reg 39). */
  noAgreement: number;
  /** The family asked for mediation and it has not ended. */
  mediating: number;
  /** The family has not yet said whether it wants mediation. */
  considering: number;
  /** Withdrawn or settled before the family declined or mediation ended. */
  disputeClosedFirst: number;
  /** Of all of them, those the Tribunal has since sent an appeal on. */
  followedByAppeal: number;
  /** Regs 35–37: the meeting held within 30 days of the authority being told the family wants mediation. */
  meetingsWithin30Days: number;
  meetingsLate: number;
  /** Not held, and the 30 days have passed (or the mediation ended after them without a meeting). */
  meetingsOverdue: number;
  /** Regs 34 and 39: the certificate within 3 working days of the family declining or mediation ending. */
  certificatesWithin3WorkingDays: number;
  certificatesLate: number;
  certificatesOverdue: number;
}

export interface MediationsFigures {
  mediations: MediationFigures;
  byDecision: ByDecision<MediationFigures>;
}

const MEDIATION = (key: string) => factSql(['mediation', key]);
const has = (key: string) => `(${MEDIATION(key)}) IS NOT NULL`;

const COHORT = `
  SELECT p.decision, p.status = 'closed' AS closed, p.snapshot->'context' ? 'appeal' AS appealed,
    ${has('declinedOn')} AS declined, ${has('requestedOn')} AS requested, ${has('endedOn')} AS ended,
    p.snapshot->'context'->'mediation' ? 'agreement' AS agreed,
    ${disputeLimitStatusSql('mediationMeeting', '$4::date')} AS meeting,
    ${disputeLimitStatusSql('mediationCertificate', '$4::date')} AS certificate
  FROM dispute p
  WHERE p.local_authority_id = $1 AND ${MEDIATION('adviceContactedOn')} BETWEEN $2 AND $3`;

const COUNTS = `count(*) AS "adviceContacted",
  count(*) FILTER (WHERE declined) AS "declined",
  count(*) FILTER (WHERE agreed) AS "agreementReached",
  count(*) FILTER (WHERE ended AND NOT agreed) AS "noAgreement",
  count(*) FILTER (WHERE requested AND NOT ended AND NOT closed) AS "mediating",
  count(*) FILTER (WHERE NOT requested AND NOT declined AND NOT closed) AS "considering",
  count(*) FILTER (WHERE NOT declined AND NOT ended AND closed) AS "disputeClosedFirst",
  count(*) FILTER (WHERE appealed) AS "followedByAppeal",
  count(*) FILTER (WHERE meeting = 'met') AS "meetingsWithin30Days",
  count(*) FILTER (WHERE meeting = 'met_late') AS "meetingsLate",
  count(*) FILTER (WHERE meeting = 'breached') AS "meetingsOverdue",
  count(*) FILTER (WHERE certificate = 'met') AS "certificatesWithin3WorkingDays",
  count(*) FILTER (WHERE certificate = 'met_late') AS "certificatesLate",
  count(*) FILTER (WHERE certificate = 'breached') AS "certificatesOverdue"`;

export async function mediationFigures(db: DataSource, authorityId: string, period: Period, today: string): Promise<MediationsFigures> {
  const { total, byDecision } = await countByDecision(db, COHORT, COUNTS, PERIOD_PARAMS(authorityId, period, today), (row) => counted(row, FIELDS));
  return { mediations: total, byDecision };
}
