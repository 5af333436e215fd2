import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * lineage_record's two joins between tenant tables (a person's unit, a decided nomination's year) on province_id
 * as well as the id: a co-located join once tenant tables are distributed by province (docs/scaling.md, "Query
 * paths"). The function reads one province at a time, so no result changes.
 */
export class LineageRecordCoLocated1796155299000 implements MigrationInterface {
  name = 'LineageRecordCoLocated1796155299000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      lineageRecord(
        'u.province_id = p.province_id AND u.id = p.unit_id',
        'y.province_id = n.province_id AND y.id = n.emulation_year_id',
      ),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(lineageRecord('u.id = p.unit_id', 'y.id = n.emulation_year_id'));
  }
}

/** The function of LineageRecordFunction1764950400000, with its two join conditions given. */
const lineageRecord = (personUnit: string, nominationYear: string) => `
      CREATE OR REPLACE FUNCTION lineage_record(p_province uuid, p_kind text, p_ids uuid[]) RETURNS jsonb
      LANGUAGE plpgsql AS $fn$
      DECLARE
        here uuid := nullif(current_setting('app.province_id', true), '')::uuid;
        result jsonb;
      BEGIN
        IF here IS NULL THEN
          RAISE EXCEPTION 'lineage_record needs a tenant context';
        END IF;
        IF p_province <> here AND NOT EXISTS (
          WITH RECURSIVE absorbed(id) AS (
            SELECT predecessor_id FROM province_lineage WHERE successor_id = here
            UNION SELECT l.predecessor_id FROM province_lineage l JOIN absorbed a ON l.successor_id = a.id)
          SELECT 1 FROM absorbed WHERE id = p_province) THEN
          RAISE EXCEPTION 'province % is neither % nor a province it absorbed', p_province, here;
        END IF;
        PERFORM set_config('app.province_id', p_province::text, true);
        SELECT jsonb_build_object(
          'names', coalesce((
            SELECT jsonb_object_agg(u.id, u.name) FROM unit u WHERE p_kind = 'UNIT' AND u.id = ANY(p_ids)), '{}')
            || coalesce((
            SELECT jsonb_object_agg(p.id, p.full_name || ' (' || u.name || ')')
            FROM person p JOIN unit u ON ${personUnit} WHERE p_kind = 'PERSON' AND p.id = ANY(p_ids)), '{}'),
          'links', coalesce((
            SELECT jsonb_agg(jsonb_build_object(
              'subjectKind', subject_kind, 'successorId', successor_id,
              'predecessorProvinceId', predecessor_province_id, 'predecessorId', predecessor_id,
              'predecessorName', predecessor_name, 'kind', kind,
              'effectiveOn', to_char(effective_on, 'YYYY-MM-DD'), 'recordedAt', recorded_at)
              ORDER BY successor_id, predecessor_id)
            FROM lineage_link WHERE subject_kind = p_kind AND successor_id = ANY(p_ids)), '[]'),
          -- What streaks count: achievements on record, and awards decided on the platform (not revoked).
          'facts', coalesce((
            SELECT jsonb_agg(jsonb_build_object('subjectId', f.subject_id, 'year', f.year, 'title', f.title))
            FROM (
              SELECT subject_id, year, title FROM achievement
              WHERE subject_kind = p_kind AND subject_id = ANY(p_ids)
              UNION
              SELECT coalesce(n.person_id, n.unit_id), y.year, n.form
              FROM nomination n JOIN emulation_year y ON ${nominationYear}
              WHERE n.status = 'DECIDED'
                AND CASE WHEN p_kind = 'UNIT' THEN n.person_id IS NULL AND n.unit_id = ANY(p_ids)
                         ELSE n.person_id = ANY(p_ids) END) f), '[]'))
        INTO result;
        PERFORM set_config('app.province_id', here::text, true);
        RETURN result;
      END
      $fn$;
    `;
