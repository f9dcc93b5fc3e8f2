/** The SEN2 return built from the engine's records, and its pre-submission checks. */
export { SEN2_CENSUS_DATES, collectionPeriod, returnableYears, type CollectionPeriod } from './collection.js';
export * from './return-model.js';
export { caseInReturn, personOf, planInReturn, REQUEST_SOURCE_CODES, type CaseRecord, type ChildRecord, type DisputeFlags, type PlacementRecord, type PlanRecord, type PlanSen2DetailRecord } from './person-items.js';
export { headerProblems, personProblems, returnProblems, type Sen2Problem, type Sen2Severity } from './return-checks.js';
