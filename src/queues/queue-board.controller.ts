import { InjectQueue } from '@nestjs/bullmq';
import { Get, Next, Req, Res } from '@nestjs/common';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { NextFunction, Request, Response } from 'express';
import { RequirePermission } from '../auth/permissions.js';
import { PageController } from '../web/page-controller.decorator.js';
import { ALERTS_QUEUE, DELIVERIES_QUEUE } from './queue-names.js';

export const QUEUE_BOARD_PATH = '/admin/queues/board';

/**
 * Bull Board for administrators, on either queue backend: jobs waiting, delayed, active,
 * completed and failed, with each failure's reason and stack. It is a page like the others
 * (session sign-in, `queues:admin`), and read-only: jobs are derived from the database, so the
 * remedy for a lost or failed job is the sweep, not a hand-edited queue.
 */
@PageController(QUEUE_BOARD_PATH)
export class QueueBoardController {
  private readonly board: (request: Request, response: Response, next: NextFunction) => void;

  constructor(@InjectQueue(ALERTS_QUEUE) alerts: Queue, @InjectQueue(DELIVERIES_QUEUE) deliveries: Queue) {
    const server = new ExpressAdapter().setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: [alerts, deliveries].map((queue) => new BullMQAdapter(queue, { readOnlyMode: true })),
      serverAdapter: server,
      options: { uiConfig: { boardTitle: 'EHC queues' } },
    });
    this.board = server.getRouter();
  }

  @Get(['', '*path'])
  @RequirePermission('queues:admin')
  serve(@Req() request: Request, @Res() response: Response, @Next() next: NextFunction): void {
    // The board's own router expects paths below its base, as when mounted with app.use().
    request.url = request.originalUrl.slice(QUEUE_BOARD_PATH.length) || '/';
    this.board(request, response, next);
  }
}
