import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LocalAuthority } from './local-authority.entity.js';
import { LocalAuthoritiesService } from './local-authorities.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([LocalAuthority])],
  providers: [LocalAuthoritiesService],
  exports: [LocalAuthoritiesService],
})
export class LocalAuthoritiesModule {}
