/**
 * The limits of a disagreement (domain document section 1 rows 24–32, sections 4 and 5.6), as
 * data on the shared limit model, and their instances derived from the dispute's facts alone.
 * Limits on the family (contacting a mediation adviser, appealing) are windows: shown, never a
 * breach. Tribunal deadlines move to the next working day (HESC r.12); the authority's do not.
 */
import { addWorkingDays, workingDayOnOrAfter } from '../calendar/working-days.js';
import { addDays, type IsoDate } from '../calendar/dates.js';
import { appealWindow } from '../limits/appeal-window.js';
import { dueDate, type DueRule } from '../limits/due-rules.js';
import type { LimitDefinition } from '../limits/limit-definition.js';
import { limitRecord, type LimitInstance } from '../limits/limit-instance.js';
import type { LimitRecord, LimitRole } from '../limits/limit-record.js';
import { ORDER_STEPS, type DisputeClockOptions, type DisputeExceptionKind, type DisputeFacts, type OrderAction, type OrderRecord, type OrderStep } from './types.js';

export type DisputeLimitKind =
  | 'mediationAdvice'
  | 'mediationCertificate'
  | 'mediationMeeting'
  | 'mediationHealthReferral'
  | 'mediationAgreement'
  | 'appeal'
  | 'responseToAppeal'
  | OrderStep;

const NONE: readonly DisputeExceptionKind[] = [];
/** Reg 44(3): exceptional personal circumstances, and an absence from the area of at least 2 weeks. */
const PERSONAL: readonly DisputeExceptionKind[] = ['personal_circumstances', 'absence_from_area'];
/** Where an order has the authority gather advice again, a school or early years closure can also excuse it (reg 44(3), as reg 10(4)). */
const WITH_CLOSURES: readonly DisputeExceptionKind[] = ['school_closure', 'early_years_closure', ...PERSONAL];

const rule = (regulation: string, due: DueRule, role: LimitRole = 'limit', relaxedBy = NONE): LimitDefinition<DisputeExceptionKind> => ({
  regulation,
  exceptionsIn: relaxedBy.length > 0 ? 'SEND Regs 2014 reg 44(3)' : regulation,
  relaxedBy,
  due,
  role,
  statutory: true,
});

const ORDER = 'SEND Regs 2014 reg 44(2); reg 45 (unopposed appeals); reg 42 (mediation agreements)';

export const DISPUTE_LIMIT_RULES: Record<DisputeLimitKind, LimitDefinition<DisputeExceptionKind>> = {
  // The family's: before appealing it must contact a mediation adviser within 2 months of the notice.
  mediationAdvice: rule('SEND Regs 2014 reg 33; CFA 2014 s.55', { months: 2 }, 'window'),
  mediationCertificate: rule('SEND Regs 2014 reg 34 (mediation declined) / reg 39 (after mediation)', { workingDaysAfter: 3 }),
  mediationMeeting: rule('SEND Regs 2014 regs 35–37', { days: 30 }),
  mediationHealthReferral: rule('SEND Regs 2014 reg 36', { workingDaysAfter: 3 }),
  mediationAgreement: rule('SEND Regs 2014 reg 42', { weeks: 2 }),
  // The family's: the later of 2 months after the notice and 1 month after a certificate (HESC r.20(1)(c), r.12).
  appeal: rule('HESC Rules 2008 r.20(1)(c), r.12', { months: 2 }, 'window'),
  responseToAppeal: rule('HESC Rules 2008 r.21 (Tribunal direction), r.12', { workingDaysAfter: 30 }),
  orderNotice: rule(ORDER, { weeks: 2 }, 'limit', PERSONAL),
  // Reg 44(2)(b): only a decision not to issue is timed by 10 weeks, so it is a latest date, never a breach.
  orderIssueDecision: rule(ORDER, { weeks: 10 }, 'latest_date', WITH_CLOSURES),
  orderDraftPlan: rule(ORDER, { weeks: 5 }, 'limit', PERSONAL),
  orderFinalPlan: rule(ORDER, { weeks: 11 }, 'limit', WITH_CLOSURES),
  orderAmendedPlan: rule(ORDER, { weeks: 5 }, 'limit', PERSONAL),
  orderSchoolNamed: rule(ORDER, { weeks: 2 }, 'limit', PERSONAL),
  // A dismissed appeal against ceasing: the plan ceases at once.
  orderCease: rule('SEND Regs 2014 reg 44(2)(g)', { days: 0 }, 'limit', NONE),
};

/** The steps each action requires, with the weeks its final plan is due in (14 after an assessment, 11 when a plan is ordered). */
export const ACTION_STEPS: Readonly<Record<OrderAction, readonly OrderStep[]>> = {
  assess: ['orderNotice', 'orderIssueDecision', 'orderFinalPlan'],
  reassess: ['orderNotice', 'orderIssueDecision', 'orderFinalPlan'],
  issue_plan: ['orderDraftPlan', 'orderFinalPlan'],
  amend_plan: ['orderAmendedPlan'],
  change_school: ['orderSchoolNamed'],
  cease: ['orderCease'],
};
const FINAL_PLAN_WEEKS_AFTER_ASSESSMENT = 14;

/** An order's steps, in a stable order, each once. */
export function orderSteps(actions: readonly OrderAction[]): OrderStep[] {
  const wanted = new Set(actions.flatMap((action) => ACTION_STEPS[action]));
  return ORDER_STEPS.filter((step) => wanted.has(step));
}

export function orderStepDueOn(order: OrderRecord, step: OrderStep, options: DisputeClockOptions): IsoDate {
  if (order.agreedDueOn !== undefined) return order.agreedDueOn;
  const assessed = step === 'orderFinalPlan' && (order.actions.includes('assess') || order.actions.includes('reassess'));
  const due: DueRule = assessed ? { weeks: FINAL_PLAN_WEEKS_AFTER_ASSESSMENT } : DISPUTE_LIMIT_RULES[step].due;
  return dueDate(due, order.on, options);
}

/** The last day an appeal can be registered, and the day from which the dispute may be closed as not appealed. */
export function appealDates(facts: DisputeFacts): { lastAppealDate: IsoDate; closableFrom: IsoDate; mayMoveLater: boolean } {
  const window = appealWindow({ noticeSentOn: facts.noticeSentOn, mediationCertificateIssuedOn: facts.mediation.certificateIssuedOn });
  const inMediation = facts.mediation.adviceContactedOn !== undefined && facts.mediation.certificateIssuedOn === undefined;
  return {
    lastAppealDate: window.lastAppealDate,
    closableFrom: addDays(addWorkingDays(window.lastAppealDate, facts.appealBufferWorkingDays), 1),
    mayMoveLater: inMediation,
  };
}

/** The steps still owed: the latest order's unmet steps, or a mediation agreement on other matters not yet carried out. */
export function pendingDuties(facts: DisputeFacts): string[] {
  const order = facts.orders.at(-1);
  const steps = order ? order.steps.filter((s) => s.metOn === undefined && !stepFellAway(order, s.step)).map((s) => s.step) : [];
  const agreement = facts.mediation.agreement;
  const other = agreement && agreement.action === 'other' && agreement.carriedOutOn === undefined ? ['mediationAgreement'] : [];
  return [...steps, ...other];
}

/** After a decision not to issue, no plan is due under the order. */
export function stepFellAway(order: OrderRecord, step: OrderStep): boolean {
  return step === 'orderFinalPlan' && order.steps.some((s) => s.step === 'orderIssueDecision' && s.decision === 'not_issue');
}

interface Derived {
  kind: DisputeLimitKind;
  name: string;
  periodStart: IsoDate;
  dueOn: IsoDate;
  metOn: IsoDate | null;
  closedOn: IsoDate | null;
  notApplicable?: boolean;
  exceptions?: { from: IsoDate; to: IsoDate | null }[];
  ownTarget?: IsoDate | null;
}

function due(kind: DisputeLimitKind, start: IsoDate, options: DisputeClockOptions): IsoDate {
  return dueDate(DISPUTE_LIMIT_RULES[kind].due, start, options);
}

function mediationLimits(facts: DisputeFacts, options: DisputeClockOptions): Derived[] {
  const m = facts.mediation;
  const closed = facts.closedOn ?? null;
  const advice: Derived = {
    kind: 'mediationAdvice',
    name: 'mediationAdvice',
    periodStart: facts.noticeSentOn,
    dueOn: due('mediationAdvice', facts.noticeSentOn, options),
    metOn: m.adviceContactedOn ?? null,
    closedOn: facts.appeal?.sentToAuthorityOn ?? closed,
  };
  const limits: Derived[] = [advice];
  const certificateFrom = m.endedOn ?? m.declinedOn;
  if (certificateFrom !== undefined) {
    // A Tribunal-facing step the adviser owes: r.12 applies, and workingDaysAfter already lands on a working day.
    limits.push({ kind: 'mediationCertificate', name: 'mediationCertificate', periodStart: certificateFrom, dueOn: due('mediationCertificate', certificateFrom, options), metOn: m.certificateIssuedOn ?? null, closedOn: closed });
  }
  if (m.requestedOn !== undefined) {
    limits.push({ kind: 'mediationMeeting', name: 'mediationMeeting', periodStart: m.requestedOn, dueOn: due('mediationMeeting', m.requestedOn, options), metOn: m.heldOn ?? null, closedOn: m.endedOn ?? closed });
    if (m.healthMatters) {
      limits.push({ kind: 'mediationHealthReferral', name: 'mediationHealthReferral', periodStart: m.requestedOn, dueOn: due('mediationHealthReferral', m.requestedOn, options), metOn: m.healthReferredOn ?? null, closedOn: m.endedOn ?? closed });
    }
  }
  if (m.agreement !== undefined) limits.push(agreementLimit(facts, options));
  return limits;
}

/** Reg 42: on appealable matters, as if it were an order (its last step's date); on other matters, 2 weeks. */
function agreementLimit(facts: DisputeFacts, options: DisputeClockOptions): Derived {
  const agreement = facts.mediation.agreement!;
  const order = facts.orders.find((o) => o.source === 'mediation');
  const base = { kind: 'mediationAgreement' as const, name: 'mediationAgreement', periodStart: agreement.on, closedOn: null };
  if (agreement.action === 'other' || order === undefined) {
    return { ...base, dueOn: agreement.agreedDueOn ?? due('mediationAgreement', agreement.on, options), metOn: agreement.carriedOutOn ?? null, closedOn: order === undefined ? (facts.closedOn ?? null) : null };
  }
  const applicable = order.steps.filter((s) => !stepFellAway(order, s.step));
  const dueOn = applicable.map((s) => orderStepDueOn(order, s.step, options)).sort().at(-1)!;
  const allMet = applicable.every((s) => s.metOn !== undefined);
  // A later order in the trail replaces the agreement even when dated the same day: its place, not its date, decides.
  const supersededOn = facts.orders.find((o) => o.n > order.n)?.on ?? null;
  return { ...base, dueOn, metOn: allMet ? applicable.map((s) => s.metOn!).sort().at(-1)! : null, closedOn: supersededOn };
}

function appealLimits(facts: DisputeFacts, options: DisputeClockOptions): Derived[] {
  const dates = appealDates(facts);
  const appeal = facts.appeal;
  const window: Derived = {
    kind: 'appeal',
    name: 'appeal',
    periodStart: facts.noticeSentOn,
    dueOn: dates.lastAppealDate,
    metOn: appeal ? (appeal.registeredOn ?? appeal.sentToAuthorityOn) : null,
    closedOn: facts.closedOn ?? null,
  };
  if (appeal === undefined) return [window];
  const response: Derived = {
    kind: 'responseToAppeal',
    name: 'responseToAppeal',
    periodStart: appeal.sentToAuthorityOn,
    // HESC r.12: a Tribunal deadline on a non-working day moves to the next; counting working days already ends on one.
    dueOn: workingDayOnOrAfter(due('responseToAppeal', appeal.sentToAuthorityOn, options)),
    metOn: appeal.responseSubmittedOn ?? null,
    // A concession or a decision before the response makes the response unnecessary.
    closedOn: facts.outcomeOn ?? facts.closedOn ?? null,
  };
  return [window, response];
}

/** One set of steps per order; the latest order's steps have the plain names, an earlier order's their number. */
function orderLimits(facts: DisputeFacts, options: DisputeClockOptions): Derived[] {
  const latest = facts.orders.length;
  return facts.orders.flatMap((order, i) => {
    // The next order in the trail replaces this one, whatever its date (the same day included).
    const replacedOn = facts.orders[i + 1]?.on ?? null;
    return order.steps.map((step): Derived => {
      const dueOn = orderStepDueOn(order, step.step, options);
      const covering = facts.exceptions.filter((e) => e.order === i + 1 && e.step === step.step && e.approvedBy !== undefined);
      const ownTargets = covering.map((e) => e.revisedTarget).filter((d): d is IsoDate => d !== undefined).sort();
      return {
        kind: step.step,
        name: i + 1 === latest ? step.step : `${step.step}.${i + 1}`,
        periodStart: order.on,
        dueOn,
        metOn: step.metOn ?? null,
        closedOn: replacedOn,
        notApplicable: stepFellAway(order, step.step),
        exceptions: covering.map((e) => ({ from: e.from, to: e.to ?? null })),
        ownTarget: ownTargets.at(-1) ?? null,
      };
    });
  });
}

function instance(derived: Derived): LimitInstance {
  const definition = DISPUTE_LIMIT_RULES[derived.kind];
  return {
    name: derived.name,
    role: definition.role,
    statutory: definition.statutory,
    regulation: definition.regulation,
    periodStart: derived.periodStart,
    dueOn: derived.dueOn,
    metOn: derived.metOn,
    noticeAssumed: false,
    notApplicable: derived.notApplicable ?? false,
    closedOn: derived.metOn === null ? derived.closedOn : null,
    exceptions: derived.exceptions ?? [],
    ownTarget: derived.ownTarget ?? null,
    exceptionsPending: false,
  };
}

/** Every limit of the dispute in a stable order; nothing here depends on today. */
export function disputeLimitRecords(facts: DisputeFacts, options: DisputeClockOptions): LimitRecord[] {
  return [...mediationLimits(facts, options), ...appealLimits(facts, options), ...orderLimits(facts, options)].map((d) => limitRecord(instance(d)));
}
