import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { DEFAULT_CADENCE_DAYS, DEFAULT_QUORUM } from '../../workflows/panels/index.js';
import { NotFoundError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { PanelMember } from './panel-member.entity.js';
import type { PanelViewer } from './panel-viewer.js';
import { toMemberView, toPanelView, type MemberView, type PanelView } from './panel-views.js';
import { Panel } from './panel.entity.js';
import type { AddPanelMemberDto, CreatePanelDto } from './panels.dto.js';
import { PanelRequestRefusedError } from './panels.errors.js';
import { sqlState, UNIQUE_VIOLATION } from '../database/postgres-errors.js';

/** Panels and their members. Reads honour the viewer: a panel member sees only their panels. */
@Injectable()
export class PanelsService {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async create(authority: LocalAuthority, body: CreatePanelDto): Promise<PanelView> {
    const panel = this.db.getRepository(Panel).create({
      localAuthorityId: authority.id,
      name: body.name.trim(),
      purpose: body.purpose,
      cadenceDays: body.cadenceDays ?? DEFAULT_CADENCE_DAYS,
      quorumChairRequired: body.quorum?.chairRequired ?? DEFAULT_QUORUM.chairRequired,
      quorumMinSchoolMembers: body.quorum?.minSchoolMembers ?? DEFAULT_QUORUM.minSchoolMembers,
    });
    const saved = await refuseDuplicate(this.db.getRepository(Panel).save(panel), `A panel named "${panel.name}" already exists.`);
    return toPanelView(saved, []);
  }

  async list(authority: LocalAuthority, viewer: PanelViewer): Promise<PanelView[]> {
    const query = this.db
      .getRepository(Panel)
      .createQueryBuilder('p')
      .where('p.local_authority_id = :authority', { authority: authority.id })
      .orderBy('p.name');
    if (viewer.kind === 'member') {
      query.andWhere(
        'EXISTS (SELECT 1 FROM panel_member m WHERE m.panel_id = p.id AND m.user_id = :user AND m.active)',
        { user: viewer.userId },
      );
    }
    const panels = await query.getMany();
    const members = await this.db.getRepository(PanelMember).find({
      where: { localAuthorityId: authority.id, active: true },
      order: { createdAt: 'ASC' },
    });
    return panels.map((panel) => toPanelView(panel, members.filter((m) => m.panelId === panel.id)));
  }

  async addMember(authority: LocalAuthority, panelId: string, body: AddPanelMemberDto): Promise<MemberView> {
    await this.panel(this.db.manager, authority, panelId);
    const member = this.db.getRepository(PanelMember).create({
      localAuthorityId: authority.id,
      panelId,
      name: body.name.trim(),
      role: body.role,
      organisation: body.organisation?.trim() || null,
      schools: (body.schools ?? []).map((s) => s.trim()),
      userId: body.userId ?? null,
      active: true,
    });
    const why = body.role === 'chair' ? 'This panel already has a chair.' : 'That user account already sits on this panel.';
    return toMemberView(await refuseDuplicate(this.db.getRepository(PanelMember).save(member), why));
  }

  /** The panel, if it belongs to the authority and the viewer may see it; otherwise 404. */
  async panel(db: EntityManager, authority: LocalAuthority, panelId: string, viewer?: PanelViewer): Promise<Panel> {
    const panel = await db.getRepository(Panel).findOneBy({ id: panelId, localAuthorityId: authority.id });
    if (!panel || (viewer && !(await this.canSee(db, panelId, viewer)))) throw new NotFoundError('panel', panelId);
    return panel;
  }

  async members(db: EntityManager, authority: LocalAuthority, panelId: string): Promise<PanelMember[]> {
    return db.getRepository(PanelMember).find({ where: { localAuthorityId: authority.id, panelId, active: true }, order: { createdAt: 'ASC' } });
  }

  private async canSee(db: EntityManager, panelId: string, viewer: PanelViewer): Promise<boolean> {
    if (viewer.kind === 'staff') return true;
    return db.getRepository(PanelMember).existsBy({ panelId, userId: viewer.userId, active: true });
  }
}

/** Turns a unique-index violation into a refusal that says which invariant was at stake. */
export async function refuseDuplicate<T>(write: Promise<T>, message: string): Promise<T> {
  try {
    return await write;
  } catch (error) {
    if (sqlState(error) === UNIQUE_VIOLATION) {
      throw new PanelRequestRefusedError(message);
    }
    throw error;
  }
}
