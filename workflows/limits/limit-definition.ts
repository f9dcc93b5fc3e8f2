/**
 * A limit as data (design section 7): where it comes from, how its due date is counted, what it
 * is to the people answering for it, and which exceptions can relax it. Each process kind has a
 * table of these; the facts that start and meet each limit are that process's own.
 */
import type { DueRule } from './due-rules.js';
import type { LimitRole } from './limit-record.js';

export interface LimitDefinition<Exception extends string = string> {
  /** Where the limit comes from, shown on every deadline (`SEND Regs 2014 reg 13(2)`). */
  regulation: string;
  /** The paragraph that lists its exceptions, quoted when a claim is refused. */
  exceptionsIn: string;
  relaxedBy: readonly Exception[];
  due: DueRule;
  role: LimitRole;
  /** False for local or guidance targets (advice from bodies reg 8(1) does not bind). */
  statutory: boolean;
}
