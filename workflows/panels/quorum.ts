/**
 * Quorum and conflicts of interest for one agenda item (domain document 6.3 items 2–3). A
 * member linked to the child's school, or who declares a conflict, steps out of the item: they
 * neither vote nor count towards its quorum.
 */
import { SCHOOL_ROLES, type MemberRole } from './vocabulary.js';

export interface QuorumRule {
  chairRequired: boolean;
  minSchoolMembers: number;
}

export const DEFAULT_QUORUM: QuorumRule = { chairRequired: true, minSchoolMembers: 2 };

/**
 * Whatever a panel's own rule says, at least two present, unconflicted members take part: with the
 * chair required, the chair and one other. One person alone is an officer deciding, not a panel
 * advising (domain 6.2), and a rule of "no chair, no school members" must never make nobody quorate.
 */
export const MIN_VOTING_MEMBERS = 2;

export interface PanelMemberFacts {
  id: string;
  name: string;
  role: MemberRole;
  schools: readonly string[];
}

export interface Conflict {
  memberId: string;
  name: string;
  why: string;
}

export interface ItemQuorum {
  quorate: boolean;
  /** Present and not conflicted: the members whose views the decision rests on. */
  votingMemberIds: string[];
  conflicts: Conflict[];
  /** Why the item is not quorate, in words a chair can act on; null when quorate. */
  shortfall: string | null;
}

const sameSchool = (a: string, b: string): boolean => a.trim().toLowerCase() === b.trim().toLowerCase();

/** Declared conflicts, plus every member linked to the child's school (declared or not). */
export function conflictsForItem(members: readonly PanelMemberFacts[], childSchool: string | null, declared: readonly string[]): Conflict[] {
  return members.flatMap((member) => {
    const linked = childSchool !== null && member.schools.some((school) => sameSchool(school, childSchool));
    if (linked) return [{ memberId: member.id, name: member.name, why: `linked to the child's school (${childSchool})` }];
    if (declared.includes(member.id)) return [{ memberId: member.id, name: member.name, why: 'declared a conflict of interest' }];
    return [];
  });
}

export function itemQuorum(rule: QuorumRule, present: readonly PanelMemberFacts[], conflicts: readonly Conflict[]): ItemQuorum {
  const conflicted = new Set(conflicts.map((c) => c.memberId));
  const voting = present.filter((m) => !conflicted.has(m.id));
  const missing: string[] = [];
  if (rule.chairRequired && !voting.some((m) => m.role === 'chair')) {
    const chairPresent = present.some((m) => m.role === 'chair');
    missing.push(chairPresent ? 'the chair has a conflict on this item and cannot take part' : 'the chair is not present');
  }
  const fromSchools = voting.filter((m) => SCHOOL_ROLES.includes(m.role)).length;
  if (fromSchools < rule.minSchoolMembers) {
    missing.push(`${fromSchools} member(s) from schools (head teacher, SENCO, trust leader) can take part; at least ${rule.minSchoolMembers} are needed`);
  }
  if (voting.length < MIN_VOTING_MEMBERS) {
    missing.push(`${voting.length} member(s) present can take part; a panel needs at least ${MIN_VOTING_MEMBERS}${rule.chairRequired ? ' (the chair and one other)' : ''}`);
  }
  const stepOut = conflicts.filter((c) => present.some((m) => m.id === c.memberId));
  const notCounted = stepOut.length > 0 ? ` Not counted: ${stepOut.map((c) => `${c.name} (${c.why})`).join('; ')}.` : '';
  return {
    quorate: missing.length === 0,
    votingMemberIds: voting.map((m) => m.id),
    conflicts: [...conflicts],
    shortfall: missing.length === 0 ? null : `The meeting is not quorate for this item: ${missing.join('; ')}.${notCounted}`,
  };
}
