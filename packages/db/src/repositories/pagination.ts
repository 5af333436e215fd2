import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';

export interface PageRequest {
  first: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  totalCount: number;
  offset: number;
}

export async function paginate<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  page: PageRequest,
): Promise<Page<T>> {
  const [items, totalCount] = await qb.offset(page.offset).limit(page.first).getManyAndCount();
  return { items, totalCount, offset: page.offset };
}

/** A LIKE pattern matching `text` anywhere, with the user's % and _ taken literally. */
export function containsPattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** Vietnamese alphabetical order (ICU), so "Đ" sorts after "D" and tones sort as readers expect. */
export const VIETNAMESE_COLLATION = '"vi-x-icu"';
