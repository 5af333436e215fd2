import {
  context,
  INVALID_SPAN_CONTEXT,
  propagation,
  ROOT_CONTEXT,
  trace,
  type Span,
} from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { BullMQOtel } from 'bullmq-otel';

/**
 * OpenTelemetry traces across gateway → outbox → queue → worker, on only when OTEL_EXPORTER_OTLP_ENDPOINT is set.
 * Off, the API's no-op tracer is used and nothing is recorded or sent.
 *
 * The outbox breaks the call chain (the relay runs later, in another process), so a message keeps the W3C
 * `traceparent` of the request that wrote it; the relay adds the job inside that context, BullMQ's telemetry
 * (bullmq-otel) carries it in the job, and the worker's span continues the same trace.
 */
let provider: NodeTracerProvider | null = null;

export interface Tracing {
  /** Sends the spans ended so far. */
  flush(): Promise<void>;
  /** Sends what is left and turns tracing off. */
  stop(): Promise<void>;
}

/** Starts tracing to an OTLP/HTTP endpoint (OTEL_EXPORTER_OTLP_ENDPOINT); without one, does nothing. */
export function startTracing(endpoint: string | undefined, serviceName: string): Tracing {
  if (!endpoint || provider) return { flush: async () => {}, stop: async () => {} };
  const url = `${endpoint.replace(/\/$/, '')}/v1/traces`;
  const started = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': serviceName }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url }))],
  });
  // The AsyncLocalStorage context manager and the W3C trace-context propagator, as globals.
  started.register();
  provider = started;
  return {
    flush: () => started.forceFlush(),
    async stop() {
      await started.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
      provider = null;
    },
  };
}

/** BullMQ's telemetry for queues and workers when tracing is on. */
export const queueTelemetry = () => (provider ? new BullMQOtel({ tracerName: 'thidua-queues' }) : undefined);

/** The active span's W3C traceparent, to keep with an outbox message; null when there is none. */
export function currentTraceParent(): string | null {
  const carrier: Record<string, string> = {};
  propagation.inject(context.active(), carrier);
  return carrier.traceparent ?? null;
}

/** Runs `work` inside the trace a message was written in (or as it is, without one). */
export function withTraceParent<T>(traceParent: string | null, work: () => T): T {
  if (!traceParent) return work();
  return context.with(propagation.extract(ROOT_CONTEXT, { traceparent: traceParent }), work);
}

/** Runs `work` in a span of the given tracer, ended (and marked failed on a throw) when it settles. */
export async function inSpan<T>(tracer: string, name: string, work: (span: Span) => Promise<T>): Promise<T> {
  // Off (the default), no span and no context switch on the request's hot path: the API's no-op span will do.
  if (!provider) return work(trace.wrapSpanContext(INVALID_SPAN_CONTEXT));
  return trace.getTracer(tracer).startActiveSpan(name, async (span) => {
    try {
      return await work(span);
    } catch (e) {
      span.recordException(e as Error);
      span.setStatus({ code: 2 });
      throw e;
    } finally {
      span.end();
    }
  });
}
