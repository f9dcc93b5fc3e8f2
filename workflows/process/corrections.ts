/**
 * Corrections for every process (design section 7): a mis-recorded event is superseded, never
 * deleted, and the process's facts are rebuilt from its remaining events, each applied again by
 * the process's own rules, so every rule applies as on the day. Pure: the trail comes in, the
 * next state or a refusal goes out.
 */

/** The trail line that says an event was superseded: payload `{ eventSeq, reason, replacement? }`. */
export const EVENT_CORRECTED = 'EVENT_CORRECTED';

/** One line of a stored trail (the machine events' payloads carry their engine fields). */
export interface TrailEvent {
  seq: number;
  type: string;
  occurredOn: string;
  payload: Record<string, unknown>;
}

interface DatedEvent {
  type: string;
  occurredOn: string;
}

/** What a manager asks: supersede event `eventSeq`, with `replacement` (engine fields set) in its place. */
export interface Correction<Event> {
  eventSeq: number;
  replacement?: Event;
}

/** What a process kind tells the replay about itself. */
export interface ReplayRules<Event extends DatedEvent, State> {
  noun: string;
  isMachineEvent: (type: string) => boolean;
  /** Why this line can never be superseded (the process's first, or one only the engine records), or null if it can be. */
  startRefusal: (line: TrailEvent) => string | null;
  storedEvent: (line: TrailEvent) => Event;
  start: (trail: TrailEvent[]) => State;
  apply: (state: State, event: Event) => { ok: true; state: State } | { ok: false; message: string };
}

export type ReplayResult<Event, State> = { ok: true; state: State; replacement?: Event } | { ok: false; message: string };

export function trailLineName(line: TrailEvent): string {
  return `event ${line.seq} (${line.type} on ${line.occurredOn})`;
}

/** Superseded seq → the EVENT_CORRECTED line that superseded it. */
function supersessions(trail: TrailEvent[]): Map<number, TrailEvent> {
  const corrections = trail.filter((line) => line.type === EVENT_CORRECTED);
  return new Map(corrections.map((line) => [Number(line.payload.eventSeq), line]));
}

function supersessionRefusal<Event extends DatedEvent, State>(rules: ReplayRules<Event, State>, trail: TrailEvent[], seq: number): string | null {
  const target = trail.find((line) => line.seq === seq);
  if (target === undefined) return `The ${rules.noun} has no event ${seq}; its trail runs from 1 to ${trail.length}.`;
  const start = rules.startRefusal(target);
  if (start !== null) return start;
  if (!rules.isMachineEvent(target.type)) {
    return `${trailLineName(target)} is not a step of the process and cannot be superseded; only the events posted to /events can be corrected.`;
  }
  const by = supersessions(trail).get(seq);
  if (by !== undefined) return `${trailLineName(target)} was already superseded by event ${by.seq}; an event is superseded only once.`;
  return null;
}

/** The machine events of the trail in seq order, superseded ones replaced or left out, with their place. */
function liveHistory<Event extends DatedEvent, State>(rules: ReplayRules<Event, State>, trail: TrailEvent[], correction: Correction<Event>): { at: TrailEvent; event: Event }[] {
  const replaced = new Map<number, Event | undefined>([...supersessions(trail)].map(([seq, line]) => [seq, line.payload.replacement as Event | undefined]));
  replaced.set(correction.eventSeq, correction.replacement);
  const history: { at: TrailEvent; event: Event }[] = [];
  for (const line of [...trail].sort((a, b) => a.seq - b.seq)) {
    if (!rules.isMachineEvent(line.type)) continue;
    if (!replaced.has(line.seq)) history.push({ at: line, event: rules.storedEvent(line) });
    else if (replaced.get(line.seq) !== undefined) history.push({ at: line, event: replaced.get(line.seq)! });
  }
  return history;
}

/**
 * A replacement exception recorded by a manager is approved at once, as on the day, unless the
 * trail approves it later (it replaces a proposal): then that approval stands, and still names it.
 */
function asApprovedInTrail<Event extends DatedEvent>(trail: TrailEvent[], { eventSeq, replacement }: Correction<Event>): Event | undefined {
  const recorded = replacement as (Event & { approvedBy?: string }) | undefined;
  if (recorded?.type !== 'EXCEPTION_RECORDED' || recorded.approvedBy === undefined) return replacement;
  const superseded = supersessions(trail);
  const approvedLater = trail.some((line) => line.type === 'EXCEPTION_APPROVED' && line.payload.exceptionSeq === eventSeq && !superseded.has(line.seq));
  return approvedLater ? { ...recorded, approvedBy: undefined } : replacement;
}

/**
 * The process as it would stand had event `correction.eventSeq` never happened (or happened as
 * `correction.replacement`): every remaining machine event applied again in seq order. The
 * first event the rules refuse refuses the whole correction.
 */
export function replayWithCorrection<Event extends DatedEvent, State>(rules: ReplayRules<Event, State>, trail: TrailEvent[], correction: Correction<Event>): ReplayResult<Event, State> {
  const refusal = supersessionRefusal(rules, trail, correction.eventSeq);
  if (refusal !== null) return { ok: false, message: refusal };
  const replacement = correction.replacement && asApprovedInTrail(trail, correction);
  let state = rules.start(trail);
  for (const { at, event } of liveHistory(rules, trail, { eventSeq: correction.eventSeq, replacement })) {
    const result = rules.apply(state, event);
    if (!result.ok) {
      const which = at.seq === correction.eventSeq ? `the replacement ${event.type} on ${event.occurredOn} for event ${at.seq}` : trailLineName(at);
      return { ok: false, message: `Correcting event ${correction.eventSeq} would leave an impossible history: ${which} would be refused. ${result.message}` };
    }
    state = result.state;
  }
  return { ok: true, state, replacement };
}
