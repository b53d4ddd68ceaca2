import { DynamicModule, Module, OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { ArtifactsModule } from './artifacts/artifacts.module';
import { AuthModule } from './auth/auth.module';
import { API_CONFIG, ApiConfig } from './config/env';
import { CoursesModule } from './courses/courses.module';
import { DatabaseModule } from './database/database.module';
import { ErrorFilter } from './errors/error-filter';
import { ExercisesModule } from './exercises/exercises.module';
import { DEPENDENCY_PROBES, DependencyProbe } from './health/dependency-probe';
import { HealthController } from './health/health.controller';
import { PostgresProbe } from './health/postgres-probe';
import { RedisProbe } from './health/redis-probe';
import { LiveModule } from './live/live.module';
import { MetricsModule } from './metrics/metrics.module';
import { PlaygroundModule } from './playground/playground.module';
import { PortalModule } from './portal/portal.module';
import { QueueModule } from './queue/queue.module';
import { RegradesModule } from './regrades/regrades.module';
import { RunsModule } from './runs/runs.module';
import { SelfTestsModule } from './self-tests/self-tests.module';
import { SubmissionsModule } from './submissions/submissions.module';
import { TokensModule } from './tokens/tokens.module';

type ClosableProbe = DependencyProbe & { close?: () => Promise<void> };

class ProbeLifecycle implements OnApplicationShutdown {
  constructor(private readonly probes: ClosableProbe[]) {}
  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.probes.map((p) => p.close?.()));
  }
}

@Module({})
export class AppModule {
  /** `probes` replaces the real PostgreSQL/Redis probes (tests). */
  static forRoot(config: ApiConfig, probes?: DependencyProbe[]): DynamicModule {
    const dependencyProbes: ClosableProbe[] = probes ?? [
      new PostgresProbe(config.databaseUrl),
      new RedisProbe(config.redisUrl),
    ];
    return {
      module: AppModule,
      global: true,
      imports: [
        DatabaseModule.forRoot(config),
        QueueModule.forRoot(config),
        AuthModule,
        ExercisesModule,
        SubmissionsModule,
        PlaygroundModule,
        RunsModule,
        SelfTestsModule,
        CoursesModule,
        RegradesModule,
        LiveModule.forRoot(config),
        ArtifactsModule.forRoot(config),
        MetricsModule,
        TokensModule,
        PortalModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        { provide: API_CONFIG, useValue: config },
        { provide: DEPENDENCY_PROBES, useValue: dependencyProbes },
        { provide: ProbeLifecycle, useValue: new ProbeLifecycle(dependencyProbes) },
        { provide: APP_FILTER, useClass: ErrorFilter },
      ],
      exports: [API_CONFIG],
    };
  }
}
