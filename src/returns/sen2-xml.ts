import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces.js';
import {
  SEN2_COLLECTION,
  SEN2_SOURCE_LEVEL,
  sen2Boolean,
  type Sen2ActivePlans,
  type Sen2Assessment,
  type Sen2Header,
  type Sen2NamedPlan,
  type Sen2Person,
  type Sen2Placement,
  type Sen2Request,
  type Sen2Return,
  type Sen2Setting,
} from '../../workflows/sen2/index.js';

/**
 * Writes a return as the SEN2 XML of ../shared/sen2.md §1.1: elements in the order the tree
 * gives, an item the record does not hold left out (never written empty, except the header's
 * required LEA, DMO and DCO, which validation flags), booleans as 0/1. Written person by person
 * to `out`, waiting whenever it asks to drain, so a large return never sits in memory as text.
 */
type Leaf = string | number | boolean | null | undefined;

function leaf(xml: XMLBuilderCB, name: string, value: Leaf): void {
  if (value === undefined) return;
  const text = value === null ? '' : typeof value === 'boolean' ? sen2Boolean(value) : String(value);
  xml.ele(name).txt(text).up();
}

function leaves(xml: XMLBuilderCB, items: [string, Leaf][]): void {
  for (const [name, value] of items) leaf(xml, name, value);
}

function header(xml: XMLBuilderCB, h: Sen2Header): void {
  xml.ele('Header').ele('CollectionDetails');
  leaves(xml, [['Collection', SEN2_COLLECTION], ['Year', h.Year], ['ReferenceDate', h.ReferenceDate]]);
  xml.up().ele('Source');
  leaves(xml, [
    ['SourceLevel', SEN2_SOURCE_LEVEL],
    ['LEA', h.LEA],
    ['SoftwareCode', h.SoftwareCode],
    ['Release', h.Release],
    ['SerialNo', h.SerialNo],
    ['DateTime', h.DateTime],
    ['DMO', h.DMO],
    ['DCO', h.DCO],
    ['DSCO', h.DSCO],
  ]);
  xml.up().up();
}

function settingLeaves(s: Sen2Setting): [string, Leaf][] {
  return [['URN', s.URN], ['UKPRN', s.UKPRN], ['SENsetting', s.SENsetting], ['SENsettingOther', s.SENsettingOther], ['PlacementRank', s.PlacementRank]];
}

const indicators = (s: Sen2Setting): [string, Leaf][] => [['SENunitIndicator', s.SENunitIndicator], ['ResourcedProvisionIndicator', s.ResourcedProvisionIndicator]];

function namedPlan(xml: XMLBuilderCB, plan: Sen2NamedPlan): void {
  xml.ele('NamedPlan');
  leaf(xml, 'StartDate', plan.StartDate);
  for (const detail of plan.PlanDetail) {
    xml.ele('PlanDetail');
    leaves(xml, [...settingLeaves(detail), ...indicators(detail)]);
    xml.up();
  }
  leaves(xml, [['PlanRes', plan.PlanRes], ['PlanWBP', plan.PlanWBP], ['PB', plan.PB], ['OA', plan.OA], ['DP', plan.DP], ['CeaseDate', plan.CeaseDate], ['CeaseReason', plan.CeaseReason]]);
  xml.up();
}

function assessment(xml: XMLBuilderCB, a: Sen2Assessment): void {
  xml.ele('Assessment');
  leaves(xml, [
    ['AssessmentOutcome', a.AssessmentOutcome],
    ['AssessmentOutcomeDate', a.AssessmentOutcomeDate],
    ['AssessmentMediation', a.AssessmentMediation],
    ['AssessmentTribunal', a.AssessmentTribunal],
    ['OtherMediation', a.OtherMediation],
    ['OtherTribunal', a.OtherTribunal],
    ['Week20', a.Week20],
  ]);
  if (a.NamedPlan) namedPlan(xml, a.NamedPlan);
  xml.up();
}

function placement(xml: XMLBuilderCB, p: Sen2Placement): void {
  xml.ele('PlacementDetail');
  leaves(xml, [...settingLeaves(p), ['EntryDate', p.EntryDate], ['LeavingDate', p.LeavingDate], ...indicators(p), ['Res', p.Res], ['WBP', p.WBP]]);
  xml.up();
}

function activePlans(xml: XMLBuilderCB, a: Sen2ActivePlans): void {
  xml.ele('ActivePlans');
  leaf(xml, 'TransferLA', a.TransferLA);
  for (const p of a.PlacementDetail) placement(xml, p);
  for (const need of a.SENneed) {
    xml.ele('SENneed');
    leaves(xml, [['SENtype', need.SENtype], ['SENtypeRank', need.SENtypeRank]]);
    xml.up();
  }
  leaves(xml, [
    ['ReviewMeeting', a.ReviewMeeting],
    ['ReviewOutcome', a.ReviewOutcome],
    ['ReviewDraft', a.ReviewDraft],
    ['PhaseTransferDueDate', a.PhaseTransferDueDate],
    ['PhaseTransferFinalDate', a.PhaseTransferFinalDate],
    ['LastReview', a.LastReview],
  ]);
  xml.up();
}

function request(xml: XMLBuilderCB, r: Sen2Request): void {
  xml.ele('Requests');
  leaves(xml, [
    ['ReceivedDate', r.ReceivedDate],
    ['RequestSource', r.RequestSource],
    ['RequestOutcomeDate', r.RequestOutcomeDate],
    ['RequestOutcome', r.RequestOutcome],
    ['RequestMediation', r.RequestMediation],
    ['RequestTribunal', r.RequestTribunal],
  ]);
  if (r.Assessment) assessment(xml, r.Assessment);
  if (r.ActivePlans) activePlans(xml, r.ActivePlans);
  xml.up();
}

function person(xml: XMLBuilderCB, p: Sen2Person): void {
  xml.ele('Person');
  leaves(xml, [
    ['Surname', p.Surname],
    ['Forename', p.Forename],
    ['PersonBirthDate', p.PersonBirthDate],
    ['Sex', p.Sex ?? undefined],
    ['Ethnicity', p.Ethnicity ?? undefined],
    ['PostCode', p.PostCode ?? undefined],
    ['UPN', p.UPN],
    ['UniqueLearnerNumber', p.UniqueLearnerNumber],
    ['UPNunknown', p.UPNunknown],
  ]);
  for (const r of p.Requests) request(xml, r);
  xml.up();
}

/** `flag`: a comment at the top saying the return is not ready to submit (XML readers pass comments by). */
export async function writeSen2Xml(sen2: Sen2Return, out: Writable, flag?: string): Promise<void> {
  let failed: Error | undefined;
  const xml = createCB({ data: (chunk: string) => void out.write(chunk), error: (err: Error) => (failed = err), prettyPrint: true, wellFormed: true });
  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  if (flag) xml.com(` ${flag} `);
  xml.ele('Message');
  header(xml, sen2.header);
  xml.ele('Persons');
  for (const p of sen2.persons) {
    person(xml, p);
    if (failed) throw failed;
    if (out.writableNeedDrain) await once(out, 'drain');
  }
  xml.up().up().end();
  if (failed) throw failed;
}
