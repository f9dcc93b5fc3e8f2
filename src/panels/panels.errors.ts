import { DomainError } from '../common/domain-error.js';

/** A panel rule refuses the request (a meeting in the past, a case not on the agenda, ...). */
export class PanelRequestRefusedError extends DomainError {
  constructor(message: string) {
    super('PANEL_REQUEST_REFUSED', message);
  }
}

export class PanelNotQuorateError extends DomainError {
  constructor(message: string, votingMemberIds: string[]) {
    super('PANEL_NOT_QUORATE', message, { votingMemberIds });
  }
}

export class PanelDecisionAlreadyRecordedError extends DomainError {
  constructor(reference: string, decision: string, by: 'panel' | 'officer' = 'panel') {
    super(
      'PANEL_DECISION_ALREADY_RECORDED',
      by === 'panel'
        ? `This meeting already recorded "${decision}" for case ${reference}; a panel decides an item once. A later change is a new decision at another meeting.`
        : `The decision "${decision}" on case ${reference} after this meeting is already recorded; the case has moved on from this stage.`,
    );
  }
}

/** The account may not record the panel's recommendation: not on the panel, absent, or conflicted. */
export class PanelRecorderNotEntitledError extends DomainError {
  constructor(message: string) {
    super('PANEL_RECORDER_NOT_ENTITLED', message);
  }
}
