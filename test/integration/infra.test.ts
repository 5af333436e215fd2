/**
 * The deployment files (infra/k8s, infra/Dockerfile, docker-compose.yml) read as their tools would, and checked
 * against the code: ports and timeouts from the configuration's defaults, commands that the build produces.
 * Docker and Kubernetes cannot run here; build.test.ts asks the probes' paths of the compiled services.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '@thidua/config';
import { ENTRY_POINTS } from '../../scripts/build';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const K8S = join(ROOT, 'infra/k8s');
// js-yaml (maintained, YAML 1.2) is already installed with ESLint; it ships no types of its own.
const yaml = createRequire(import.meta.url)('js-yaml') as { loadAll(text: string): unknown[] };

interface Resource {
  apiVersion: string;
  kind: string;
  metadata: { name: string; labels?: Record<string, string> };
  [key: string]: unknown;
}
interface Probe {
  httpGet: { path: string; port: string | number };
}
interface Container {
  name: string;
  image: string;
  command?: string[];
  args: string[];
  ports?: { name: string; containerPort: number }[];
  envFrom: { configMapRef?: { name: string }; secretRef?: { name: string } }[];
  startupProbe?: Probe;
  livenessProbe?: Probe;
  readinessProbe?: Probe;
  lifecycle?: { preStop?: { exec: { command: string[] } } };
  securityContext: Record<string, unknown>;
}
interface PodTemplate {
  metadata: { labels: Record<string, string> };
  spec: {
    terminationGracePeriodSeconds?: number;
    securityContext: { runAsNonRoot: boolean; runAsUser: number };
    initContainers?: Container[];
    containers: Container[];
  };
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? yamlFiles(join(dir, e.name)) : e.name.endsWith('.yaml') ? [join(dir, e.name)] : [],
  );
}
const documents = yamlFiles(K8S).map((file) => ({
  file,
  docs: yaml.loadAll(readFileSync(file, 'utf8')) as Resource[],
}));
const resources = documents
  .filter(({ file }) => !file.endsWith('kustomization.yaml'))
  .flatMap(({ docs }) => docs);
const find = <T extends Resource>(kind: string, name: string) => {
  const r = resources.find((x) => x.kind === kind && x.metadata.name === name);
  if (!r) throw new Error(`no ${kind} ${name} in infra/k8s`);
  return r as T;
};
type Workload = Resource & {
  spec: { template: PodTemplate; selector?: { matchLabels: Record<string, string> } };
};
const gateway = find<Workload>('Deployment', 'thidua-gateway');
const worker = find<Workload>('Deployment', 'thidua-worker');
const job = find<Workload>('Job', 'thidua-migrate');
const configMap = find<Resource & { data: Record<string, string> }>('ConfigMap', 'thidua-config');
const container = (w: Workload) => w.spec.template.spec.containers[0]!;
const port = (c: Container, name: string) => c.ports!.find((p) => p.name === name)!.containerPort;

// The configuration's defaults, with the required secrets made up.
const defaults = loadConfig({
  DATABASE_URL: 'postgres://thidua_app@db/thidua',
  JWT_SECRET: 'j'.repeat(32),
  UNSUBSCRIBE_SECRET: 'u'.repeat(32),
  AUDIT_HMAC_KEY: 'a'.repeat(32),
});

describe('Kubernetes manifests (infra/k8s)', () => {
  it('parse, name their kind, and every kustomization lists files that exist', () => {
    expect(documents.length).toBeGreaterThan(5);
    for (const { file, docs } of documents)
      for (const doc of docs) {
        expect(doc.apiVersion, file).toMatch(/^[a-z0-9.]+\/v\w+$|^v1$/);
        expect(doc.kind, file).toBeTruthy();
        if (file.endsWith('kustomization.yaml')) {
          const k = doc as Resource & { resources?: string[]; components?: string[] };
          for (const path of [...(k.resources ?? []), ...(k.components ?? [])])
            expect(existsSync(join(file, '..', path)), `${file}: ${path}`).toBe(true);
        } else expect(doc.metadata.name, file).toBeTruthy();
      }
  });

  it('run the compiled commands under the image entrypoint, as a non-root user, with the shared settings', () => {
    const bundles = Object.keys(ENTRY_POINTS).map((out) => `${out}.js`);
    for (const w of [gateway, worker, job]) {
      const c = container(w);
      // `command` would replace tini, which forwards SIGTERM.
      expect(c.command, w.metadata.name).toBeUndefined();
      expect(c.args[0]).toBe('node');
      expect(bundles).toContain(c.args[1]);
      expect(c.image).toBe('thidua');
      expect(w.spec.template.spec.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      expect(c.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
      expect(c.envFrom).toEqual([
        { configMapRef: { name: 'thidua-config' } },
        { secretRef: { name: 'thidua-secrets' } },
      ]);
    }
    expect(container(job).args[1]).toBe('packages/db/dist/migrate.js');
  });

  it("start the services only once the release's migration has run (the Job migrates, the pods check)", () => {
    expect(container(job).args).toEqual(['node', 'packages/db/dist/migrate.js']);
    for (const w of [gateway, worker]) {
      const [check, ...others] = w.spec.template.spec.initContainers ?? [];
      expect(others, w.metadata.name).toEqual([]);
      expect(check!.args).toEqual(['node', 'packages/db/dist/migrate.js', '--check']);
      expect(check!.image).toBe('thidua');
      expect(check!.command).toBeUndefined();
      expect(check!.envFrom).toEqual(container(w).envFrom);
      expect(check!.securityContext).toMatchObject({
        allowPrivilegeEscalation: false,
        readOnlyRootFilesystem: true,
      });
    }
  });

  it("probe the ports the configuration sets, on the services' health paths", () => {
    expect(Number(configMap.data.PORT)).toBe(defaults.PORT);
    expect(Number(configMap.data.WORKER_HEALTH_PORT)).toBe(defaults.WORKER_HEALTH_PORT);
    expect(port(container(gateway), 'http')).toBe(defaults.PORT);
    expect(port(container(worker), 'health')).toBe(defaults.WORKER_HEALTH_PORT);
    for (const [w, portName] of [
      [gateway, 'http'],
      [worker, 'health'],
    ] as const) {
      const c = container(w);
      expect(c.livenessProbe!.httpGet).toEqual({ path: '/healthz', port: portName });
      expect(c.startupProbe!.httpGet).toEqual({ path: '/healthz', port: portName });
      expect(c.readinessProbe!.httpGet).toEqual({ path: '/readyz', port: portName });
    }
  });

  it('give each pod longer to stop than its service takes to drain', () => {
    const preStop = Number(container(gateway).lifecycle!.preStop!.exec.command[1]);
    const shutdownGraceMs = Number(configMap.data.SHUTDOWN_GRACE_MS ?? defaults.SHUTDOWN_GRACE_MS);
    expect(gateway.spec.template.spec.terminationGracePeriodSeconds! * 1000).toBeGreaterThan(
      preStop * 1000 + shutdownGraceMs,
    );
    // The worker waits for its running jobs up to its drain deadline, then closes its pool, which waits for a
    // statement under way; compose allows the same.
    const workerGrace = worker.spec.template.spec.terminationGracePeriodSeconds!;
    const drainMs = Number(configMap.data.WORKER_DRAIN_MS ?? defaults.WORKER_DRAIN_MS);
    const statementMs = Number(
      configMap.data.DATABASE_STATEMENT_TIMEOUT_MS ?? defaults.DATABASE_STATEMENT_TIMEOUT_MS,
    );
    expect(workerGrace * 1000).toBeGreaterThan(drainMs + statementMs);
    expect(`${workerGrace}s`).toBe(compose().services.worker!.stop_grace_period);
    // Compose has no preStop: the gateway's kill timeout exceeds its grace for requests under way.
    expect(seconds(compose().services.gateway!.stop_grace_period) * 1000).toBeGreaterThan(shutdownGraceMs);
  });

  it('scale the gateway, keep pods through disruptions, and route the Ingress to the gateway', () => {
    const labels = (w: Workload) => w.spec.template.metadata.labels;
    const hpa = find<
      Resource & { spec: { scaleTargetRef: { kind: string; name: string }; minReplicas: number } }
    >('HorizontalPodAutoscaler', 'thidua-gateway');
    expect(hpa.spec.scaleTargetRef).toMatchObject({ kind: 'Deployment', name: 'thidua-gateway' });
    expect(hpa.spec.minReplicas).toBeGreaterThanOrEqual(2);
    for (const w of [gateway, worker]) {
      expect(labels(w)).toMatchObject(w.spec.selector!.matchLabels);
      const pdb = find<Resource & { spec: { selector: { matchLabels: Record<string, string> } } }>(
        'PodDisruptionBudget',
        w.metadata.name,
      );
      expect(labels(w)).toMatchObject(pdb.spec.selector.matchLabels);
    }
    const service = find<
      Resource & { spec: { selector: Record<string, string>; ports: { name: string }[] } }
    >('Service', 'thidua-gateway');
    expect(labels(gateway)).toMatchObject(service.spec.selector);
    const ingress = find<Resource & { spec: { rules: { http: { paths: { backend: unknown }[] } }[] } }>(
      'Ingress',
      'thidua',
    );
    expect(ingress.spec.rules[0]!.http.paths[0]!.backend).toEqual({
      service: { name: 'thidua-gateway', port: { name: service.spec.ports[0]!.name } },
    });
  });

  it('list every secret the configuration requires in the example Secret', () => {
    const keys = readFileSync(join(K8S, 'config/secret.example.env'), 'utf8')
      .split('\n')
      .filter((l) => /^[A-Z_]+=/.test(l))
      .map((l) => l.split('=')[0]);
    for (const key of [
      'DATABASE_URL',
      'DATABASE_OWNER_URL',
      'JWT_SECRET',
      'UNSUBSCRIBE_SECRET',
      'AUDIT_HMAC_KEY',
    ])
      expect(keys).toContain(key);
    // Settings and secrets apart: nothing is in both.
    expect(keys.filter((k) => k! in configMap.data)).toEqual([]);
  });
});

describe('the image (infra/Dockerfile) and compose', () => {
  const dockerfile = readFileSync(join(ROOT, 'infra/Dockerfile'), 'utf8');

  it('runs the Node that CI tests with, under tini, as uid 1000, with a health check per service', () => {
    expect(dockerfile).toContain(
      `ARG NODE_VERSION=${readFileSync(join(ROOT, '.node-version'), 'utf8').trim()}`,
    );
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/bin/tini", "--"]');
    expect(dockerfile).toContain('USER 1000:1000');
    for (const [target, bundle] of [
      ['worker', 'services/worker/dist/main.js'],
      ['gateway', 'services/gateway/dist/main.js'],
    ]) {
      const stage = dockerfile.split(/^FROM /m).find((s) => s.startsWith(`runtime AS ${target}`))!;
      expect(stage, target).toMatch(/HEALTHCHECK [^\n]*\\\n\s+CMD \["node", "-e", "fetch\(.*\/readyz`\)/);
      expect(stage, target).toContain(`CMD ["node", "${bundle}"]`);
    }
    expect(dockerfile).toMatch(/EXPOSE 4000/);
    expect(dockerfile).toMatch(/EXPOSE 4001/);
  });

  it('builds each compose service from its image target, with no TypeScript runner', () => {
    const { services } = compose();
    expect(services.migrate!.build).toMatchObject({ dockerfile: 'infra/Dockerfile', target: 'runtime' });
    expect(services.gateway!.build).toMatchObject({ target: 'gateway' });
    expect(services.worker!.build).toMatchObject({ target: 'worker' });
    expect(JSON.stringify(services)).not.toContain('tsx');
  });
});

function compose() {
  return yaml.loadAll(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'))[0] as {
    services: Record<string, { build?: unknown; stop_grace_period?: string; command?: string[] }>;
  };
}

/** A compose duration as this file writes them ("20s"); anything else fails the test that reads it. */
function seconds(duration: string | undefined): number {
  const match = /^(\d+)s$/.exec(duration ?? '');
  expect(match, `a duration in seconds, not ${duration}`).not.toBeNull();
  return Number(match![1]);
}
