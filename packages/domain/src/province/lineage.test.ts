import { describe, expect, it } from 'vitest';
import { readableProvinces } from './lineage';

describe('readableProvinces', () => {
  const edges = [
    { predecessorId: 'lao-cai-old', successorId: 'lao-cai-new' },
    { predecessorId: 'yen-bai', successorId: 'lao-cai-new' },
    { predecessorId: 'lao-cai-new', successorId: 'future' },
  ];

  it('includes absorbed provinces transitively, never successors or siblings', () => {
    expect([...readableProvinces(['lao-cai-new'], edges)].sort()).toEqual([
      'lao-cai-new',
      'lao-cai-old',
      'yen-bai',
    ]);
    expect([...readableProvinces(['yen-bai'], edges)]).toEqual(['yen-bai']);
    expect(readableProvinces(['future'], edges).size).toBe(4);
  });

  it('survives a cycle in bad data', () => {
    expect(readableProvinces(['a'], [{ predecessorId: 'a', successorId: 'a' }])).toEqual(new Set(['a']));
  });
});
