import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { HttpErrorFilter } from './common/http-error.filter.js';
import { strictValidationPipe } from './common/validation.js';
import type { AppConfig } from './config/app-config.js';
import { LocalAuthoritiesService } from './local-authorities/local-authorities.service.js';

/** Everything the API needs beyond its modules; shared by main.ts and the end-to-end tests. */
export async function configureHttpApp(app: INestApplication, config: AppConfig): Promise<void> {
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix('api');
  app.useGlobalPipes(strictValidationPipe());
  app.useGlobalFilters(new HttpErrorFilter());
  await app.get(LocalAuthoritiesService).ensure(config.localAuthority.code, config.localAuthority.name);
  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('EHC needs assessment workflow engine')
      .setDescription('Statutory process, clock and case records for EHC needs assessments (SEND Regulations 2014).')
      .setVersion('1')
      .build(),
  );
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs/openapi.json' });
}
