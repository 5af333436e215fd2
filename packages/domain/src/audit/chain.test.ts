import { describe, expect, it } from 'vitest';
import { auditHash, auditKey, canonicalJson, GENESIS_HASH, verifyChain, type ChainedEvent } from './chain';

const KEY = auditKey('k'.repeat(32));
const OLD_KEY = auditKey('o'.repeat(32));

/** Events 1..n; those from `keyedFrom` on are hashed with `key` (the others unkeyed, as before keys existed). */
function chain(n: number, key = KEY, keyedFrom = 1, scope: string | null = 'p1'): ChainedEvent[] {
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
    const k = i >= keyedFrom ? key : null;
    const hash = auditHash(scope, body, k);
    events.push({ ...body, hash, hashKeyId: k?.id ?? null });
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
    expect(verifyChain('p1', chain(5), [KEY])).toEqual({ valid: true, checked: 5 });
  });

  it('finds an edited event, a removed event, and the same chain claimed by another province', () => {
    const edited = chain(4);
    edited[2] = { ...edited[2]!, after: { name: 'Văn phòng Tỉnh ủy' } };
    expect(verifyChain('p1', edited, [KEY])).toMatchObject({ valid: false, brokenAtSeq: '3' });

    const removed = chain(4);
    removed.splice(1, 1);
    expect(verifyChain('p1', removed, [KEY])).toMatchObject({ valid: false, brokenAtSeq: '3' });

    expect(verifyChain('p2', chain(2), [KEY])).toMatchObject({ valid: false, brokenAtSeq: '1' });
  });

  /** What the application role can do: append a row whose hash it computes with the public algorithm. */
  function forge(
    events: ChainedEvent[],
    hash: (body: Omit<ChainedEvent, 'hash'>) => string,
    keyId: string | null,
  ) {
    const last = events[events.length - 1]!;
    const body = {
      seq: String(BigInt(last.seq) + 1n),
      actorUserId: 'intruder',
      action: 'role.grant',
      entityType: 'RoleAssignment',
      entityId: 'x',
      before: null,
      after: { role: 'PROVINCE_ADMIN' },
      requestId: null,
      occurredAt: new Date(),
      prevHash: last.hash,
    };
    return [...events, { ...body, hash: hash(body), hashKeyId: keyId }];
  }

  it('finds an event appended without the key, whichever key id or algorithm it claims', () => {
    const events = chain(3);
    const named = { valid: false, checked: 3, brokenAtSeq: '4' };
    expect(
      verifyChain(
        'p1',
        forge(events, (b) => auditHash('p1', b), KEY.id),
        [KEY],
      ),
    ).toEqual({
      ...named,
      reason: 'content does not match its hash',
    });
    const guessed = auditKey('g'.repeat(32));
    expect(
      verifyChain(
        'p1',
        forge(events, (b) => auditHash('p1', b, guessed), KEY.id),
        [KEY],
      ),
    ).toMatchObject(named);
    expect(
      verifyChain(
        'p1',
        forge(events, (b) => auditHash('p1', b, guessed), guessed.id),
        [KEY],
      ),
    ).toEqual({
      ...named,
      reason: `hashed with key ${guessed.id}, which this verifier does not hold`,
    });
    expect(
      verifyChain(
        'p1',
        forge(events, (b) => auditHash('p1', b), null),
        [KEY],
      ),
    ).toEqual({
      ...named,
      reason: 'unkeyed hash after keyed events: appended without the key',
    });
  });

  it('accepts unkeyed events from before keys existed, then keyed ones, and rotated keys it still holds', () => {
    expect(verifyChain('p1', chain(4, KEY, 3), [KEY])).toEqual({ valid: true, checked: 4 });
    expect(verifyChain('p1', chain(4, KEY, 99), [])).toEqual({ valid: true, checked: 4 });
    // Rotation: events under the old key, then the new one; the verifier holds both.
    const old = chain(2, OLD_KEY);
    const body = { ...old[1]!, seq: '3', prevHash: old[1]!.hash, entityId: 'after-rotation' };
    const rotated = [...old, { ...body, hash: auditHash('p1', body, KEY), hashKeyId: KEY.id }];
    expect(verifyChain('p1', rotated, [KEY, OLD_KEY])).toEqual({ valid: true, checked: 3 });
    expect(verifyChain('p1', rotated, [KEY])).toMatchObject({ valid: false, brokenAtSeq: '1' });
  });

  it('chains the platform too: a province chain does not verify as the platform one', () => {
    expect(verifyChain(null, chain(3, KEY, 1, null), [KEY])).toEqual({ valid: true, checked: 3 });
    expect(verifyChain(null, chain(3), [KEY])).toMatchObject({ valid: false, brokenAtSeq: '1' });
  });
});
