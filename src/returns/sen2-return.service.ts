import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import type { DataSource } from 'typeorm';
import {
  collectionPeriod,
  personOf,
  returnableYears,
  returnProblems,
  type CollectionPeriod,
  type Sen2Header,
  type Sen2Person,
  type Sen2Problem,
  type Sen2Return,
} from '../../workflows/sen2/index.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { ValidationFailedError } from '../common/domain-error.js';
import type { RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { readReturnRecords } from './sen2-return-records.js';
import { Sen2SettingsService } from './sen2-settings.service.js';
import { writeSen2Xml } from './sen2-xml.js';
import { sqlState, UNIQUE_VIOLATION } from '../database/postgres-errors.js';

/** The nearest package.json above this file (in src/ when run from source, in dist/src/ when built). */
function enginePackage(): { name: string; version: string } {
  for (let folder = dirname(fileURLToPath(import.meta.url)); ; folder = dirname(folder)) {
    const candidate = join(folder, 'package.json');
    if (existsSync(candidate)) return JSON.parse(readFileSync(candidate, 'utf8'));
    if (dirname(folder) === folder) throw new Error('package.json not found above the returns module');
  }
}

/** Header/Source/SoftwareCode and Release: this engine, by its package name and version. */
const { name: SOFTWARE_CODE, version: RELEASE } = enginePackage();

export interface Sen2ValidationProblem {
  severity: Sen2Problem['severity'];
  item: string;
  message: string;
  /** The child the problem is about (null for the header), with the references of its records in the return. */
  child: { id: string; name: string; dateOfBirth: string; references: string[] } | null;
  /** The case or plan to open to fix it; null for the child record and the header. */
  record: { kind: 'case' | 'plan'; id: string; reference: string } | null;
}

export interface Sen2Validation {
  year: number;
  referenceDate: string;
  persons: number;
  errors: number;
  warnings: number;
  problems: Sen2ValidationProblem[];
}

export interface ProducedReturn {
  serialNo: string;
  persons: number;
  errors: number;
  warnings: number;
  fileName: string;
}

/** The London wall-clock time, as xs:dateTime without a zone (YYYY-MM-DDThh:mm:ss). */
function londonDateTime(now: Date): string {
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'medium' }).format(now).replace(' ', 'T');
}

/** How many of a return's problems are errors, and how many warnings. */
function problemCounts(problems: Sen2Problem[]): { errors: number; warnings: number } {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return { errors, warnings: problems.length - errors };
}

/** The child a problem names, as the validation shows it: with the references of its records in the return. */
function childSummary(person: Sen2Person): NonNullable<Sen2ValidationProblem['child']> {
  const references = [...new Set(person.Requests.map((r) => r.about.reference))];
  return { id: person.childId, name: `${person.Forename} ${person.Surname}`, dateOfBirth: person.PersonBirthDate, references };
}

const byName = (a: Sen2Person, b: Sen2Person) =>
  a.Surname.localeCompare(b.Surname) || a.Forename.localeCompare(b.Forename) || a.PersonBirthDate.localeCompare(b.PersonBirthDate) || a.childId.localeCompare(b.childId);

/**
 * The SEN2 person-level return (issue 15 items 2 and 3): built from the engine's own records as
 * they stood on the census date (workflows/sen2/return), checked, and written as XML. Every
 * child in the return, or named by its validation, is written to the access log.
 */
@Injectable()
export class Sen2ReturnService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
    private readonly settings: Sen2SettingsService,
  ) {}

  /** The period of `year`'s return, or a 400 naming the years that can be returned today. */
  periodOf(year: number): CollectionPeriod {
    const years = returnableYears(this.clock.today());
    if (!years.includes(year)) {
      throw new ValidationFailedError(`year: there is no SEN2 return for ${year} yet; the returns that can be produced are for ${years.join(', ')}.`);
    }
    return collectionPeriod(year);
  }

  async build(authority: LocalAuthority, year: number): Promise<{ sen2: Sen2Return; problems: Sen2Problem[] }> {
    const period = this.periodOf(year);
    const { header, persons } = await this.db.transaction('REPEATABLE READ', async (tx) => {
      await tx.query('SET TRANSACTION READ ONLY');
      const records = await readReturnRecords(tx, authority.id, period);
      const config = await this.settings.read(authority, tx);
      const built = records.children
        .map((child) => personOf(child, records.casesOf.get(child.id) ?? [], records.plansOf.get(child.id) ?? [], period))
        .filter((person): person is Sen2Person => person !== null);
      const head: Sen2Header = {
        Year: year,
        ReferenceDate: period.referenceDate,
        LEA: config.laNumber,
        SoftwareCode: SOFTWARE_CODE,
        Release: RELEASE,
        // Numbered once the return is recorded (produce); a validation has none.
        SerialNo: '000',
        DateTime: londonDateTime(this.clock.now()),
        DMO: config.dmo,
        DCO: config.dco,
        DSCO: config.dsco,
      };
      return { header: head, persons: built.sort(byName) };
    });
    const sen2 = { header, persons };
    return { sen2, problems: returnProblems(sen2) };
  }

  /** Produces the return into `out`: numbered, recorded with who produced it and its counts, and logged child by child before any of it is written. */
  async produce(context: RequestContext, route: string, year: number, out: Writable, ready: (produced: ProducedReturn) => void): Promise<void> {
    const { sen2, problems } = await this.build(context.authority, year);
    const { errors, warnings } = problemCounts(problems);
    const counts = { persons: sen2.persons.length, errors, warnings };
    const serialNo = await this.recordRun(context, year, counts);
    sen2.header.SerialNo = serialNo;
    await this.accessLog.record(context, 'sen2_return', route, sen2.persons.map((p) => p.childId));
    ready({ ...counts, serialNo, fileName: `SEN2-${year}-${sen2.header.LEA ?? 'LA'}-${serialNo}${errors > 0 ? '-with-errors' : ''}.xml` });
    await writeSen2Xml(sen2, out, errors > 0 ? `Not ready to submit: ${errors} error(s). GET /api/returns/sen2/validation?year=${year} lists them.` : undefined);
  }

  async validation(context: RequestContext, route: string, year: number): Promise<Sen2Validation> {
    const { sen2, problems } = await this.build(context.authority, year);
    const withProblems = new Set(problems.map((p) => p.childId));
    const named = new Map(sen2.persons.filter((person) => withProblems.has(person.childId)).map((person) => [person.childId, childSummary(person)]));
    const listed = problems.map((p) => ({ severity: p.severity, item: p.item, message: p.message, child: p.childId === null ? null : named.get(p.childId) ?? null, record: p.about }));
    await this.accessLog.record(context, 'sen2_validation', route, [...named.keys()]);
    return { year, referenceDate: sen2.header.ReferenceDate, persons: sen2.persons.length, ...problemCounts(problems), problems: listed };
  }

  /**
   * Records the return and gives it its SerialNo: 001 for the year's first, then one more for
   * each (COLLECT orders an authority's submissions by it). Two produced at the same moment
   * cannot take one number: the unique key refuses the second, which is numbered again.
   */
  private async recordRun(context: RequestContext, year: number, counts: Pick<ProducedReturn, 'persons' | 'errors' | 'warnings'>): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      try {
        const [row] = await this.db.query(
          `INSERT INTO sen2_return_run (local_authority_id, collection_year, serial_no, produced_by, actor, persons, errors, warnings)
           SELECT $1, $2, coalesce(max(serial_no), 0) + 1, $3, $4, $5, $6, $7 FROM sen2_return_run WHERE local_authority_id = $1 AND collection_year = $2
           RETURNING serial_no`,
          [context.authority.id, year, context.user?.id ?? null, context.actor, counts.persons, counts.errors, counts.warnings],
        );
        return String(row.serial_no).padStart(3, '0');
      } catch (error) {
        if (sqlState(error) !== UNIQUE_VIOLATION || attempt >= 5) throw error;
      }
    }
  }
}
