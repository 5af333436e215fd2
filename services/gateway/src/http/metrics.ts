import { registerPoolGauge } from '@thidua/jobs';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { DataSource } from 'typeorm';

/** Label values a client chooses (operation names) are capped, so that the series stay few. */
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

export function labelValue(value: unknown, absent = 'anonymous'): string {
  if (value === undefined || value === null || value === '') return absent;
  return typeof value === 'string' && LABEL.test(value) ? value : 'invalid';
}

/**
 * The gateway's Prometheus metrics, on a registry of its own (several gateways may share one process, as in the
 * tests; prom-client's global registry would collide).
 */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly requestDuration = new Histogram({
    name: 'thidua_graphql_request_duration_seconds',
    help: 'GraphQL requests over HTTP, by operation name and HTTP status',
    labelNames: ['operation', 'status'] as const,
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'thidua_graphql_errors_total',
    help: 'GraphQL errors answered over HTTP, by extensions.code',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly ballots = new Counter({
    name: 'thidua_ballots_cast_total',
    help: 'Ballots cast online (castBallot succeeded)',
    registers: [this.registry],
  });
  private readonly subscriptions = new Gauge({
    name: 'thidua_active_subscriptions',
    help: 'GraphQL subscriptions open over WebSocket',
    registers: [this.registry],
  });

  constructor(dataSource: DataSource) {
    collectDefaultMetrics({ register: this.registry });
    registerPoolGauge(this.registry, dataSource);
  }

  request(operation: unknown, status: number, seconds: number): void {
    this.requestDuration.observe({ operation: labelValue(operation), status: String(status) }, seconds);
  }

  error(code: unknown): void {
    this.errors.inc({ code: labelValue(code, 'none') });
  }

  ballotCast(): void {
    this.ballots.inc();
  }

  subscriptionStarted(): void {
    this.subscriptions.inc();
  }

  subscriptionEnded(): void {
    this.subscriptions.dec();
  }
}
