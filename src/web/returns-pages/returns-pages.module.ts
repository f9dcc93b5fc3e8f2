import { Module } from '@nestjs/common';
import { ReturnsModule } from '../../returns/returns.module.js';
import { Sen2ReturnPageController } from './sen2-return-page.controller.js';
import { Sen2ReturnPage } from './sen2-return-page.service.js';

/** The statutory returns' pages: the SEN2 return's validation, its download and its header settings, for the SEN team. */
@Module({
  imports: [ReturnsModule],
  controllers: [Sen2ReturnPageController],
  providers: [Sen2ReturnPage],
})
export class ReturnsPagesModule {}
