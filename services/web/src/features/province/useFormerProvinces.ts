import { useQuery } from 'urql';
import { useSession } from '../../app/session';
import { graphql, type ResultOf } from '../../graphql';
import { useI18n, type I18n } from '../../i18n/i18n';
import { runsYear } from '../block/dates';

const ProvinceLineage = graphql(`
  query ProvinceWithFormer($id: ID!) {
    province(id: $id) {
      id
      name
      kind
      validFrom
      validTo
      predecessors {
        id
        name
        kind
        validFrom
        validTo
      }
    }
  }
`);

export interface FormerOrCurrent {
  id: string;
  name: string;
  /** As an issuer writes it: "tỉnh Ninh Thuận", "thành phố Huế". */
  fullName: string;
  /** The name, and for a former province until when it existed. */
  label: string;
  former: boolean;
  /** The day a former province ended (null for the session's own). */
  validTo: string | null;
  /** Whether its block years include this one (the gateway's yearSpan: a province ended on 30 June ran the year before last). */
  runsYear: (year: number) => boolean;
}

type Span = { validFrom: string | null; validTo: string | null };
const runs = (span: Span) => (year: number) => runsYear(span, year);

const fullName = (p: { name: string; kind: 'PROVINCE' | 'CITY' }) =>
  `${p.kind === 'CITY' ? 'thành phố' : 'tỉnh'} ${p.name}`;

/** A former province or city named with until when it existed: names are reused ("Lào Cai (tỉnh cũ, đến …)"). */
export function formerLabel(
  i18n: I18n,
  p: { name: string; kind: 'PROVINCE' | 'CITY'; validTo: string | null },
): string {
  if (!p.validTo) return p.name;
  const key = p.kind === 'CITY' ? 'province.formerCityUntil' : 'province.formerUntil';
  return i18n.t(key, { name: p.name, date: i18n.date(p.validTo) });
}

/**
 * A province or city in a list of many (the ministry's dashboards): a city marked as one ("TP. Hồ Chí Minh": the
 * bare name is the man's), a former one with until when it existed.
 */
export function placeLabel(
  i18n: I18n,
  p: { name: string; kind: 'PROVINCE' | 'CITY'; validTo: string | null },
): string {
  if (p.validTo) return formerLabel(i18n, p);
  return p.kind === 'CITY' ? i18n.t('province.cityName', { name: p.name }) : p.name;
}

/**
 * The session's province and the former provinces it absorbed (domain.md §5), each named for a choice: names
 * are reused (the new Khánh Hòa is not the old one), so a former one says until when it existed.
 */
export function useFormerProvinces(): FormerOrCurrent[] {
  return useLineage().lineage;
}

/**
 * The same, and whether it is known: `settled` once read, or once it could not be (then the session's province
 * alone, unnamed, as while it is read).
 */
export function useLineage(): { lineage: FormerOrCurrent[]; settled: boolean } {
  const i18n = useI18n();
  const id = useSession().provinceId;
  const [res] = useQuery({ query: ProvinceLineage, variables: { id: id ?? '' }, pause: !id });
  const settled = !id || !!res.data || !!res.error;
  return { lineage: lineageOf(i18n, id, res.data?.province), settled };
}

function lineageOf(
  i18n: I18n,
  id: string | null | undefined,
  p: ResultOf<typeof ProvinceLineage>['province'] | undefined,
): FormerOrCurrent[] {
  if (!id) return [];
  if (!p)
    return [{ id, name: '', fullName: '', label: '', former: false, validTo: null, runsYear: () => true }];
  return [
    {
      id: p.id,
      name: p.name,
      fullName: fullName(p),
      label: p.name,
      former: false,
      validTo: null,
      runsYear: runs(p),
    },
    ...p.predecessors
      .filter((f) => f.id !== p.id)
      .map((f) => ({
        id: f.id,
        name: f.name,
        fullName: fullName(f),
        label: formerLabel(i18n, f),
        former: true,
        validTo: f.validTo,
        runsYear: runs(f),
      })),
  ];
}
