import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain, type ChainedEvent } from './chain';

function chain(n: number): ChainedEvent[] {
  const events: ChainedEvent[] = [];
  let prevHash = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const body = {
      seq: String(i),
      actorUserId: 'u1',
      action: 'unit.update',
      entityType: 'Unit',
      entityId: `unit-${i}`,
      before: { name: 'Ban Tuyên giáo' },
      after: { name: 'Ban Tuyên giáo và Dân vận', kind: 'PARTY_AGENCY' },
      requestId: null,
      occurredAt: new Date(Date.UTC(2025, 6, 1, 8, 0, i)),
      prevHash,
    };
    const hash = auditHash('p1', body);
    events.push({ ...body, hash });
    prevHash = hash;
  }
  return events;
}

describe('audit chain', () => {
  it('sorts keys so stored jsonb order does not matter', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 2, x: 1 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"x":1,"y":2}]},"b":1}',
    );
  });

  it('accepts an intact chain', () => {
    expect(verifyChain('p1', chain(5))).toEqual({ valid: true, checked: 5 });
  });

  it('finds an edited event, a removed event, and the same chain claimed by another province', () => {
    const edited = chain(4);
    edited[2] = { ...edited[2]!, after: { name: 'Văn phòng Tỉnh ủy' } };
    expect(verifyChain('p1', edited)).toMatchObject({ valid: false, brokenAtSeq: '3' });

    const removed = chain(4);
    removed.splice(1, 1);
    expect(verifyChain('p1', removed)).toMatchObject({ valid: false, brokenAtSeq: '3' });

    expect(verifyChain('p2', chain(2))).toMatchObject({ valid: false, brokenAtSeq: '1' });
  });
});
