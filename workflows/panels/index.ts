/** Pure rules of decision-making panels: vocabulary, quorum and conflicts, agenda flags, figures. */
export * from './vocabulary.js';
export { DEFAULT_QUORUM, MIN_VOTING_MEMBERS, conflictsForItem, itemQuorum } from './quorum.js';
export { officerDecisionRefusal, recorderRefusal } from './recording.js';
export type { OfficerDecision, Recorder } from './recording.js';
export type { Conflict, ItemQuorum, PanelMemberFacts, QuorumRule } from './quorum.js';
export { AGENDA_FLAGS, DEFAULT_CADENCE_DAYS, agendaFlags, followingMeetingDate } from './agenda.js';
export type { AgendaFlag } from './agenda.js';
export { panelFigures } from './figures.js';
export type { DaysToDecision, DecisionFact, PanelFigures } from './figures.js';
