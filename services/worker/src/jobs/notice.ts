import { provinceRepository } from '@thidua/db';
import type { ProvinceKind } from '@thidua/domain';

type Texts = Record<'vi' | 'en', { title: string; body: string }>;

/** Who hears of an event, and what they read (notification-content.ts, on-behalf-notice.ts). */
export interface NoticeContent extends Texts {
  recipients: string[];
  link: string;
  /** What some recipients read instead (their own part of the event): by user id. */
  personal?: Map<string, Texts>;
}

/** PROVINCE or CITY: a centrally-governed city confers its awards, and names its council, as "thành phố". */
export async function provinceKindOf(provinceId: string): Promise<ProvinceKind | undefined> {
  const [province] = await provinceRepository.byIds([provinceId]);
  return province?.kind;
}
