import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock } from '../common/clock.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { appealsFigures, type AppealsFigures } from './dispute-appeals.js';
import { mediationFigures, type MediationsFigures } from './dispute-mediations.js';
import { ordersFigures, type OrdersFigures } from './dispute-orders.js';
import type { Period } from './report-period.js';

interface DisputeReport extends Period {
  /** Outcomes and limit statuses are as of this day (Europe/London): an open dispute may still end either way. */
  today: string;
}

export interface MediationsReport extends DisputeReport, MediationsFigures {}
export interface AppealsReport extends DisputeReport, AppealsFigures {}
export interface OrdersReport extends DisputeReport, OrdersFigures {}

/** The disagreement measures of issue 14: aggregates only, so no child is shown and nothing is access-logged. */
@Injectable()
export class DisputeReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async mediations(authority: LocalAuthority, period: Period): Promise<MediationsReport> {
    const today = this.clock.today();
    return { ...period, today, ...(await mediationFigures(this.db, authority.id, period, today)) };
  }

  async appeals(authority: LocalAuthority, period: Period): Promise<AppealsReport> {
    const today = this.clock.today();
    return { ...period, today, ...(await appealsFigures(this.db, authority.id, period, today)) };
  }

  async orders(authority: LocalAuthority, period: Period): Promise<OrdersReport> {
    const today = this.clock.today();
    return { ...period, today, ...(await ordersFigures(this.db, authority.id, period, today)) };
  }
}
