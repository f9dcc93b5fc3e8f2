import { Module } from '@nestjs/common';
import { LocalAuthoritiesService } from './local-authorities.service.js';

@Module({
  providers: [LocalAuthoritiesService],
  exports: [LocalAuthoritiesService],
})
export class LocalAuthoritiesModule {}
