import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '../audit/audit.module.js';
import { AccountCache } from './account-cache.js';
import { AccountNotices } from './account-notices.service.js';
import { UserAccount } from './user-account.entity.js';
import { UsersController } from './users.controller.js';
import { UsersService } from './users.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([UserAccount]), AuditModule],
  controllers: [UsersController],
  providers: [UsersService, AccountNotices, AccountCache],
  exports: [UsersService, AccountNotices],
})
export class UsersModule {}
