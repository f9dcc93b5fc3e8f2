import { Get, Req, Res } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AnySignedIn } from '../auth/permissions.js';
import { requestContextOf } from './page-locals.js';
import { navigationFor } from './navigation.js';
import { PageController } from './page-controller.decorator.js';

/** The start page sends each account to the first page its roles may use. */
@PageController()
export class HomeController {
  @Get()
  @AnySignedIn()
  home(@Req() req: Request, @Res() res: Response): void {
    const roles = requestContextOf(req).user?.roles ?? [];
    const [first] = navigationFor(roles, req.path);
    if (first) return res.redirect(303, first.href);
    res.render('home.njk', { roles });
  }
}
