import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LocalAuthority } from './local-authority.entity.js';

/**
 * The authorities this deployment serves. Until sign-in lands, every request acts for
 * the one authority configured by LOCAL_AUTHORITY_CODE; every row still carries its
 * authority id, so more can be added without touching the case records.
 */
@Injectable()
export class LocalAuthoritiesService {
  private current?: LocalAuthority;

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async ensure(code: string, name: string): Promise<LocalAuthority> {
    await this.db.query(
      `INSERT INTO local_authority (code, name) VALUES ($1, $2) ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name`,
      [code, name],
    );
    this.current = await this.db.getRepository(LocalAuthority).findOneByOrFail({ code });
    return this.current;
  }

  /** The authority the current request acts for. */
  acting(): LocalAuthority {
    if (!this.current) throw new Error('No local authority has been set up yet.');
    return this.current;
  }
}
