import { DECISIONS_BY_PURPOSE, STAGE_DEADLINE, STAGE_STATUS } from '../../../workflows/panels/index.js';
import type { IsoDate } from '../../../workflows/ehc-needs-assessment/index.js';
import type { AgendaItemView, MeetingView, MemberView, MinimalAgendaItemView } from '../../panels/panel-views.js';
import { casePath } from '../format/case-summary.js';
import type { FormErrors } from '../format/form-errors.js';
import { formatDate } from '../format/dates.js';
import { deadlineLabel, STATUS_LABELS } from '../format/labels.js';
import { urgency } from '../format/urgency.js';
import { DECISION_HINTS, DECISION_LABELS, FLAG_TAGS, MEMBER_ROLE_LABELS, ORIGIN_LABELS } from './panel-labels.js';

/** What the signed-in roles may do on the meeting page: the same permissions as the panel API. */
export interface MeetingAbilities {
  /** panels:manage, and the meeting day has come: attendance. */
  clerk: boolean;
  /** panels:manage: the child's school, before the item is decided. */
  manageAgenda: boolean;
  /** panels:decide, and the meeting day has come. */
  recommend: boolean;
  /** The signed-in account's seat on this panel, if it is recorded as present. */
  seatPresent: MemberView | undefined;
  /** decisions:make: the officer's decision after the panel's recommendation. */
  decideAsOfficer: boolean;
  /** cases:read: the reference links to the case page. */
  openCases: boolean;
}

/** The form that was posted and refused, shown again with its errors on the item it belongs to. */
export interface RefusedForm {
  form: 'decision' | 'officer' | 'school' | 'attendance';
  caseId?: string;
  values: Record<string, unknown>;
  errors: FormErrors;
}

const isStaffItem = (item: MinimalAgendaItemView | AgendaItemView): item is AgendaItemView => 'decision' in item;

export const memberText = (member: MemberView): string =>
  `${member.name}, ${MEMBER_ROLE_LABELS[member.role]}${member.organisation ? `, ${member.organisation}` : ''}`;

/**
 * One agenda item as the page shows it. A panel member's view carries no decision record
 * (data minimisation), only whether the panel has recommended. The recommendation form is for a
 * member present and not conflicted on the item; the officer's form follows a recommendation.
 */
export function agendaItem(item: MinimalAgendaItemView | AgendaItemView, meeting: MeetingView, may: MeetingAbilities, today: IsoDate, refused?: RefusedForm) {
  const staff = isStaffItem(item) ? item : undefined;
  const open = !item.recommended && item.status === STAGE_STATUS[meeting.purpose];
  const mine = refused?.caseId === item.caseId ? refused : undefined;
  const seated = may.seatPresent !== undefined && !item.conflicts.some((c) => c.memberId === may.seatPresent!.id);
  const awaitingOfficer = staff?.decision && staff.decision.decision !== 'defer' && !staff.decision.officerDecision && item.status === STAGE_STATUS[meeting.purpose];
  return {
    caseId: item.caseId,
    reference: item.reference,
    caseHref: may.openCases ? casePath(item.caseId) : undefined,
    childName: `${item.child.givenName} ${item.child.familyName}`,
    dateOfBirth: formatDate(item.child.dateOfBirth),
    status: STATUS_LABELS[item.status as keyof typeof STATUS_LABELS],
    deadline: deadlineLabel(STAGE_DEADLINE[meeting.purpose]),
    dueOn: formatDate(item.dueOn),
    daysLeftText: urgency(item.dueOn, today).daysLeftText,
    flags: item.flags.map((flag) => ({ ...FLAG_TAGS[flag], why: flagReason(flag, item.dueOn, meeting.followingMeetingDate) })),
    conflicts: item.conflicts,
    staff: staff && {
      requestReceivedOn: formatDate(staff.requestReceivedOn),
      origin: ORIGIN_LABELS[staff.origin] ?? staff.origin,
      addedReason: staff.addedReason,
      childSchool: staff.childSchool,
      decision: staff.decision && decisionRecord(staff.decision),
    },
    recommended: item.recommended,
    decisionForm: open && may.recommend && seated ? decisionForm(item.caseId, meeting, mine?.form === 'decision' ? mine : undefined) : undefined,
    notSeated: open && may.recommend && !seated ? notSeatedReason(may.seatPresent, item.conflicts) : undefined,
    officerForm: awaitingOfficer && may.decideAsOfficer ? officerForm(staff!.decision!.decision, meeting, mine?.form === 'officer' ? mine : undefined) : undefined,
    schoolForm: open && may.manageAgenda && staff ? { value: mine?.form === 'school' ? mine.values.childSchool : staff.childSchool, error: mine?.form === 'school' ? mine.errors.fields.childSchool : undefined } : undefined,
  };
}

type StaffDecision = NonNullable<AgendaItemView['decision']>;

/** Who recommended what, and who decided, in the words of the page. */
function decisionRecord(decision: StaffDecision) {
  const officer = decision.officerDecision;
  return {
    text: DECISION_LABELS[decision.decision],
    deferred: decision.decision === 'defer',
    reasons: decision.reasons,
    decidedOn: formatDate(decision.decidedOn),
    recommendedBy: decision.recommendedBy ? `${decision.recommendedBy.name} (${MEMBER_ROLE_LABELS[decision.recommendedBy.role]})` : decision.recordedBy,
    officer: officer && {
      text: DECISION_LABELS[officer.decision],
      decidedOn: formatDate(officer.decidedOn),
      decidedBy: officer.decidedBy,
      reasons: officer.reasons,
      departs: officer.departsFromRecommendation,
    },
  };
}

function notSeatedReason(seat: MemberView | undefined, conflicts: MinimalAgendaItemView['conflicts']): string {
  const conflict = seat && conflicts.find((c) => c.memberId === seat.id);
  if (conflict) return `You step out of this item (${conflict.why}); another member present records the panel’s recommendation.`;
  return 'Only members of this panel recorded as present at the meeting record its recommendation.';
}

/** The officer's choices after this panel, the panel's recommendation first and ticked unless the refused form said otherwise. */
function officerForm(recommendation: StaffDecision['decision'], meeting: MeetingView, refused: RefusedForm | undefined) {
  const values = refused?.values ?? { decision: recommendation };
  return {
    recommendation: DECISION_LABELS[recommendation],
    decisions: DECISIONS_BY_PURPOSE[meeting.purpose]
      .filter((decision) => decision !== 'defer')
      .map((decision) => ({ value: decision, text: DECISION_LABELS[decision], checked: values.decision === decision })),
    reasons: values.reasons,
    errors: refused?.errors.fields ?? {},
  };
}

function flagReason(flag: keyof typeof FLAG_TAGS, dueOn: IsoDate, following: IsoDate): string {
  return flag === 'limit_passed_before_meeting'
    ? `The statutory limit passed on ${formatDate(dueOn)}, before this meeting.`
    : `The statutory limit (${formatDate(dueOn)}) falls before the next meeting on ${formatDate(following)}.`;
}

/** Radios for the decisions this panel's purpose allows, reasons, and the members present who may declare a conflict. */
function decisionForm(caseId: string, meeting: MeetingView, refused: RefusedForm | undefined) {
  const values = refused?.values ?? {};
  const declared = [values.conflicts ?? []].flat();
  return {
    decisions: DECISIONS_BY_PURPOSE[meeting.purpose].map((decision) => ({
      value: decision,
      text: DECISION_LABELS[decision],
      hint: { text: DECISION_HINTS[decision] },
      checked: values.decision === decision,
    })),
    reasons: values.reasons,
    conflicts: meeting.present.map((member) => ({ value: member.id, text: memberText(member), checked: declared.includes(member.id) })),
    errors: refused?.errors.fields ?? {},
  };
}
