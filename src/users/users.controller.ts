import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { RequirePermission } from '../auth/permissions.js';
import { auditActorOf } from '../audit/account-audit.service.js';
import { Acting, ActingAuthority, type RequestContext } from '../common/request-context.js';
import type { LocalAuthority } from '../local-authorities/local-authority.entity.js';
import type { UserAccount } from '../users/user-account.entity.js';
import { CreateUserDto, PasswordResetResponse, UpdateUserDto, UserResponse } from './users.dto.js';
import { UsersService } from './users.service.js';

const toResponse = (account: UserAccount): UserResponse => ({
  id: account.id,
  email: account.email,
  roles: account.roles,
  disabled: account.disabled,
  lockedUntil: account.lockedUntil ? account.lockedUntil.toISOString() : null,
});

/** Administrators manage the accounts of their own authority. */
@ApiTags('users')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'The accounts of your authority.' })
  @ApiOkResponse({ type: [UserResponse] })
  async list(@ActingAuthority() authority: LocalAuthority): Promise<UserResponse[]> {
    return (await this.users.list(authority.id)).map(toResponse);
  }

  @Post()
  @RequirePermission('users:admin')
  @ApiOperation({ summary: 'Create an account in your authority (pre-provision it for single sign-on by omitting the password).' })
  @ApiCreatedResponse({ type: UserResponse })
  async create(@Acting() context: RequestContext, @Body() body: CreateUserDto): Promise<UserResponse> {
    return toResponse(await this.users.create(auditActorOf(context), body));
  }

  @Patch(':id')
  @RequirePermission('users:admin')
  @ApiOperation({
    summary: 'Change an account of your authority: its roles (never your own), disable it, or clear a lockout; an authority keeps at least one active administrator (422 otherwise).',
  })
  @ApiOkResponse({ type: UserResponse })
  async update(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string, @Body() body: UpdateUserDto): Promise<UserResponse> {
    return toResponse(await this.users.update(auditActorOf(context), id, body));
  }

  @Post(':id/password-reset')
  @HttpCode(200)
  @RequirePermission('users:admin')
  @ApiOperation({
    summary: 'Reset a password: a one-time temporary password, shown only in this answer, that works for 24 hours and only to choose a new one (POST /api/auth/password). Every session and refresh token of the account is revoked, and its lockout cleared.',
  })
  @ApiOkResponse({ type: PasswordResetResponse })
  async resetPassword(@Acting() context: RequestContext, @Param('id', ParseUUIDPipe) id: string): Promise<PasswordResetResponse> {
    const { temporaryPassword, expiresAt } = await this.users.resetPassword(auditActorOf(context), id);
    return { temporaryPassword, expiresAt: expiresAt.toISOString() };
  }
}
