import type { ImportKind } from '@thidua/db';
import type { KindSpec } from '../check-kit';
import { accounts } from './accounts';
import { achievements } from './achievements';
import { blocks } from './blocks';
import { memberships } from './memberships';
import { persons } from './persons';
import { units } from './units';

/** Every import kind, in the order a province is onboarded: each refers to what the ones before it created. */
export const KINDS: readonly KindSpec[] = [units, blocks, memberships, persons, achievements, accounts];

/** The kind a URL names (`units`, `memberships`, …). */
export function kindOf(slug: string): KindSpec | undefined {
  return KINDS.find((k) => k.kind.toLowerCase() === slug.toLowerCase());
}

export function slugOf(kind: ImportKind): string {
  return kind.toLowerCase();
}
