import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { IsNull, type DataSource, type EntityManager } from 'typeorm';
import { STAGE_STATUS, type PanelPurpose } from '../../workflows/panels/index.js';
import { EhcCase } from '../cases/ehc-case.entity.js';
import { Clock } from '../common/clock.js';
import { NotFoundError } from '../common/domain-error.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import { AgendaItem } from './agenda-item.entity.js';
import { PanelDecisionRecord } from './panel-decision.entity.js';
import type { AddAgendaItemDto } from './panel-meetings.dto.js';
import { PanelMeetingsService } from './panel-meetings.service.js';
import { STAFF } from './panel-viewer.js';
import type { MeetingView } from './panel-views.js';
import { PanelRequestRefusedError } from './panels.errors.js';
import { refuseDuplicate } from './panels.service.js';

/** A caseworker's changes to a proposed agenda; each one carries a reason (issue 4 item 2). */
@Injectable()
export class AgendaService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly meetings: PanelMeetingsService,
    private readonly clock: Clock,
  ) {}

  async add(authority: LocalAuthority, meetingId: string, body: AddAgendaItemDto, actor: string): Promise<MeetingView> {
    await this.db.transaction(async (tx) => {
      const { meeting, panel } = await this.meetings.load(tx, authority, meetingId, STAFF, true);
      if (meeting.meetingDate < this.clock.today()) {
        throw new PanelRequestRefusedError(`The meeting of ${meeting.meetingDate} has taken place; add the case to an upcoming meeting.`);
      }
      const found = await assertAtStage(tx, authority, body.caseId, panel.purpose);
      const item = tx.getRepository(AgendaItem).create({
        localAuthorityId: authority.id,
        meetingId,
        caseId: body.caseId,
        origin: 'added',
        addedReason: body.reason.trim(),
        childSchool: body.childSchool?.trim() ?? null,
        addedBy: actor,
      });
      await refuseDuplicate(tx.getRepository(AgendaItem).save(item), `Case ${found.reference} is already on the agenda of this meeting.`);
    });
    return this.meetings.view(authority, meetingId, STAFF);
  }

  async remove(authority: LocalAuthority, meetingId: string, caseId: string, reason: string, actor: string): Promise<MeetingView> {
    await this.db.transaction(async (tx) => {
      await this.meetings.load(tx, authority, meetingId, STAFF, true);
      const item = await liveItem(tx, authority, meetingId, caseId);
      if (await tx.getRepository(PanelDecisionRecord).existsBy({ meetingId, caseId })) {
        throw new PanelRequestRefusedError('The panel has decided this item; a recorded decision stays on the agenda as part of the record.');
      }
      await tx.getRepository(AgendaItem).update(item.id, { removedReason: reason.trim(), removedBy: actor, removedAt: new Date() });
    });
    return this.meetings.view(authority, meetingId, STAFF);
  }

  async setChildSchool(authority: LocalAuthority, meetingId: string, caseId: string, childSchool: string): Promise<MeetingView> {
    await this.db.transaction(async (tx) => {
      await this.meetings.load(tx, authority, meetingId, STAFF, true);
      const item = await liveItem(tx, authority, meetingId, caseId);
      await tx.getRepository(AgendaItem).update(item.id, { childSchool: childSchool.trim() });
    });
    return this.meetings.view(authority, meetingId, STAFF);
  }
}

export async function liveItem(tx: EntityManager, authority: LocalAuthority, meetingId: string, caseId: string): Promise<AgendaItem> {
  const item = await tx.getRepository(AgendaItem).findOneBy({ meetingId, caseId, localAuthorityId: authority.id, removedAt: IsNull() });
  if (!item) throw new PanelRequestRefusedError(`Case ${caseId} is not on the agenda of this meeting; add it (with a reason) first.`);
  return item;
}

/** The case, refused unless it waits at the stage this panel decides. */
export async function assertAtStage(tx: EntityManager, authority: LocalAuthority, caseId: string, purpose: PanelPurpose): Promise<EhcCase> {
  const found = await tx.getRepository(EhcCase).findOneBy({ id: caseId, localAuthorityId: authority.id });
  if (!found) throw new NotFoundError('case', caseId);
  if (found.status !== STAGE_STATUS[purpose]) {
    throw new PanelRequestRefusedError(
      `Case ${found.reference} is ${found.status}; a ${purpose} panel considers cases that are ${STAGE_STATUS[purpose]}.`,
    );
  }
  return found;
}
