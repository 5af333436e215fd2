import { readFileSync } from 'node:fs';
import { foldVietnamese } from '@thidua/domain';
import { currentManager } from '../tenancy/tenant-context';

/** Resolution 202/2025/QH15: the merged provinces took effect on this day. */
export const MERGER_EFFECTIVE_ON = '2025-07-01';
const FORMER_UNTIL = '2025-06-30';

function readCsv(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(new URL(`./data/${name}`, import.meta.url), 'utf8')
    .trim()
    .split('\n');
  const columns = header!.split(',');
  return lines.map((line) => Object.fromEntries(line.split(',').map((v, i) => [columns[i]!, v.trim()])));
}

const kindOf = (k: string) => (k === 'city' ? 'CITY' : 'PROVINCE');

/**
 * The 63 former provinces and the 34 current ones with their lineage. A province the merger left untouched
 * is one row that never ended; a merged one ends on 30 June 2025 and its successor starts on 1 July 2025,
 * even where the successor reuses its name (the new Tuyên Quang is not the old one). Idempotent.
 */
export async function seedProvinces(): Promise<Map<string, string>> {
  const m = await currentManager();
  const former = readCsv('provinces.csv');
  const successorCode = new Map(readCsv('successor-codes.csv').map((r) => [r.successor_name!, r.code!]));
  const groups = new Map<string, Record<string, string>[]>();
  for (const r of former) groups.set(r.successor_name!, [...(groups.get(r.successor_name!) ?? []), r]);
  /** Keyed `code@validFrom` (validFrom empty for provinces that never changed). */
  const ids = new Map<string, string>();

  async function upsert(
    code: string,
    name: string,
    kind: string,
    validFrom: string | null,
    validTo: string | null,
  ) {
    const rows: { id: string }[] = await m.query(
      `INSERT INTO province (code, name, name_search, kind, valid_from, valid_to) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (code, coalesce(valid_from, '-infinity'::date)) DO UPDATE SET name = excluded.name
       RETURNING id`,
      [code, name, foldVietnamese(name), kindOf(kind), validFrom, validTo],
    );
    ids.set(`${code}@${validFrom ?? ''}`, rows[0]!.id);
    return rows[0]!.id;
  }

  for (const [successorName, members] of groups) {
    const only = members[0]!;
    if (members.length === 1 && only.former_name === successorName) {
      await upsert(only.former_code!, only.former_name!, only.former_kind!, null, null);
      continue;
    }
    const code = successorCode.get(successorName);
    if (!code) throw new Error(`No code for the successor province ${successorName}`);
    const successorId = await upsert(
      code,
      successorName,
      members[0]!.successor_kind!,
      MERGER_EFFECTIVE_ON,
      null,
    );
    for (const r of members) {
      const predecessorId = await upsert(r.former_code!, r.former_name!, r.former_kind!, null, FORMER_UNTIL);
      await m.query(
        `INSERT INTO province_lineage (predecessor_id, successor_id, effective_on) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`,
        [predecessorId, successorId, MERGER_EFFECTIVE_ON],
      );
    }
  }
  return ids;
}
