/**
 * The SEN2 collections the engine can return (../shared/sen2.md §0): each year's census
 * (reference) date, and the periods a return covers. Requests and assessments are those of the
 * calendar year before the census; plans are those active on the census date, with those that
 * ended since the previous census ("recently ceased").
 */
import { addDays, type IsoDate } from '../../calendar/dates.js';

/** The Thursday of each survey, from the GOV.UK guide and witan.sen2 alike [S23][S5]. */
export const SEN2_CENSUS_DATES: Readonly<Record<number, IsoDate>> = {
  2025: '2025-01-16',
  2026: '2026-01-15',
  2027: '2027-01-21',
};

export interface CollectionPeriod {
  year: number;
  /** Header/CollectionDetails/ReferenceDate: everything is reported as it stood on this day. */
  referenceDate: IsoDate;
  /** The calendar year of the requests and assessments (CY in sen2.md §4). */
  from: IsoDate;
  to: IsoDate;
  /** A plan that ended after this day and by the reference date is "recently ceased". */
  endedAfter: IsoDate;
}

/**
 * The collections that can be returned today: those the engine knows the census date of and
 * whose census day has come (the records as they stood on it cannot be known before).
 */
export function returnableYears(today: IsoDate): number[] {
  return Object.entries(SEN2_CENSUS_DATES)
    .filter(([, census]) => census <= today)
    .map(([year]) => Number(year));
}

/** The period of `year`'s return; throws for a year without a known census date. */
export function collectionPeriod(year: number): CollectionPeriod {
  const referenceDate = SEN2_CENSUS_DATES[year];
  if (referenceDate === undefined) throw new Error(`No SEN2 census date is known for ${year}`);
  const previous = SEN2_CENSUS_DATES[year - 1] ?? addDays(referenceDate, -365);
  return { year, referenceDate, from: `${year - 1}-01-01`, to: `${year - 1}-12-31`, endedAfter: previous };
}
