import { CombinedError } from '@urql/core';
import { GraphQLError } from 'graphql';
import { getSession, getToken } from '../../app/session';

export const KINDS = ['units', 'blocks', 'memberships', 'persons', 'achievements', 'accounts'] as const;
export type Kind = (typeof KINDS)[number];

export interface Counts {
  created: number;
  updated: number;
  unchanged: number;
  /** What the counts do not say, in Vietnamese as the check writes it (a unit's head replaced: by whom). */
  notes?: string[];
  /** The notes in English, one for each (none in counts stored before they were written). */
  notesEnglish?: string[];
}

/** An import job as GET /import/jobs/<id> answers it (services/gateway/src/modules/import/import.http.ts). */
export interface Job {
  id: string;
  kind: string;
  fileName: string;
  checksum: string;
  totalRows: number;
  problemCount: number;
  /** `message` in Vietnamese; `english` the same in English (problems stored before it was written have none). */
  problems: { row: number; column: string; message: string; english?: string | null }[];
  plan: Counts | null;
  status: 'CHECKED' | 'RUNNING' | 'DONE' | 'FAILED';
  processedRows: number;
  result: Counts | null;
  /** Why a failed import wrote nothing, in Vietnamese; null when it was interrupted (its server stopped). */
  error: string | null;
  /** The same in English (failures recorded before it was written have none). */
  errorEnglish?: string | null;
}

/** A confirmed import as the history lists it (GET /import/jobs), without its problems. */
export interface PastImport extends Job {
  confirmedAt: string;
  finishedAt: string | null;
  confirmedByName: string | null;
}

/** A refused request: the API's errors as urql reports them (for ApiErrorView), and the size limit when over it. */
export class ImportError extends Error {
  constructor(
    readonly error: CombinedError,
    readonly limitBytes: number | null,
  ) {
    super(error.message);
  }
}

async function request(path: string, init: RequestInit): Promise<{ status: number; json: unknown }> {
  const token = await getToken();
  const headers: Record<string, string> = {
    ...(init.headers as Record<string, string>),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
    'x-province-id': getSession().provinceId ?? '',
  };
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch (e) {
    throw new ImportError(new CombinedError({ networkError: e as Error }), null);
  }
  const json = (await res.json().catch(() => ({}))) as {
    errors?: { message: string; extensions?: Record<string, unknown> }[];
  };
  if (res.ok) return { status: res.status, json };
  const errors = json.errors ?? [{ message: res.statusText, extensions: { code: 'INTERNAL_SERVER_ERROR' } }];
  throw new ImportError(
    new CombinedError({
      graphQLErrors: errors.map((e) => new GraphQLError(e.message, { extensions: e.extensions })),
    }),
    (errors[0]?.extensions?.limitBytes as number | undefined) ?? null,
  );
}

/** The dry run: the file goes as the request body; nothing is written. */
export async function checkFile(kind: Kind, file: File): Promise<Job> {
  const { json } = await request(`/import/${kind}?fileName=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    body: file,
    headers: { 'content-type': file.type || 'application/octet-stream' },
  });
  return json as Job;
}

export async function confirmImport(job: Job): Promise<Job> {
  const { json } = await request(`/import/jobs/${job.id}/confirm`, {
    method: 'POST',
    body: JSON.stringify({ checksum: job.checksum }),
    headers: { 'content-type': 'application/json' },
  });
  return json as Job;
}

export async function readJob(id: string): Promise<Job> {
  return (await request(`/import/jobs/${id}`, { method: 'GET' })).json as Job;
}

/** The province's last confirmed imports, newest first. */
export async function recentImports(): Promise<PastImport[]> {
  return ((await request('/import/jobs', { method: 'GET' })).json as { jobs: PastImport[] }).jobs;
}
