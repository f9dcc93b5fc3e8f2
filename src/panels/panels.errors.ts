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
  constructor(reference: string, decision: string) {
    super(
      'PANEL_DECISION_ALREADY_RECORDED',
      `This meeting already recorded "${decision}" for case ${reference}; a panel decides an item once. A later change is a new decision at another meeting.`,
    );
  }
}
