import { createLogger } from '@thidua/config';
import { startGateway, type Gateway } from '@thidua/gateway';
import { createEventBus, type EventBus } from '@thidua/jobs';
import {
  createAccount,
  createLockedBlock,
  openBlockVote,
  provinceId,
  startTestApp,
  type TestApp,
} from '@thidua/testing';
import { createClient } from 'graphql-ws';
import { afterEach, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';

let app: TestApp | undefined;
let second: { gateway: Gateway; bus: EventBus } | undefined;
afterEach(async () => {
  await second?.gateway.close();
  await second?.bus.close();
  await app?.close();
  app = second = undefined;
});

describe.each(['postgres', 'redis'] as const)('live turnout across two gateways (%s)', (queue) => {
  it('a screen subscribed on gateway B sees ballots cast through gateway A, then the close', async () => {
    app = await startTestApp({ template: inject('templateDatabase'), queue });
    // A second gateway process: same database, its own event-bus connection.
    const bus = createEventBus(app.config);
    second = {
      bus,
      gateway: await startGateway({
        config: app.config,
        dataSource: app.dataSource,
        eventBus: bus,
        logger: createLogger(app.config, 'gateway-b'),
      }),
    };

    const province = await provinceId(app.dataSource, '20');
    const admin = await createAccount(app, 'PROVINCE_ADMIN', { provinceId: province });
    const block = await createLockedBlock(
      app,
      province,
      ['Văn phòng Tỉnh ủy', 'Ban Tổ chức Tỉnh ủy', 'Báo Lạng Sơn'],
      admin,
    );
    const period = await openBlockVote(app, province, block, [{ kind: 'FLAG' }], admin);

    const client = createClient({
      url: second.gateway.url.replace('http', 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${block.officers[2]!.token}`, 'x-province-id': province },
    });
    const seen: { cast: number; status: string }[] = [];
    const stream = client.iterate<{ votingTurnout: { cast: number; status: string; eligible: number } }>({
      query: `subscription($id: ID!) { votingTurnout(votingPeriodId: $id) { cast status eligible } }`,
      variables: { id: period.id },
    });
    const collected = (async () => {
      for await (const event of stream) {
        expect(event.errors).toBeUndefined();
        seen.push({ cast: event.data!.votingTurnout.cast, status: event.data!.votingTurnout.status });
        if (event.data!.votingTurnout.status !== 'OPEN') break;
      }
    })();

    // Wait for the first push (subscribed), then vote through gateway A, one unit after another.
    await expect.poll(() => seen.length, { timeout: 10_000 }).toBe(1);
    for (const [i, officer] of block.officers.entries()) {
      const res = await app.gql(
        `mutation($v: CastBallotInput!) { castBallot(input: $v) { receiptCode } }`,
        {
          v: {
            votingPeriodId: period.id,
            choices: [{ contestId: period.contests[0]!.id, unitIds: [block.units[0]!.id] }],
          },
        },
        { token: officer.token, provinceId: province },
      );
      expect(res.errors).toBeUndefined();
      await expect.poll(() => seen.at(-1)?.cast, { timeout: 10_000 }).toBe(i + 1);
    }
    await app.gql(
      `mutation($id: ID!) { closeVotingPeriod(id: $id) { status } }`,
      { id: period.id },
      { token: block.officers[0]!.token, provinceId: province },
    );
    await collected;
    await client.dispose();

    expect(seen[0]).toEqual({ cast: 0, status: 'OPEN' });
    expect(seen.at(-1)).toEqual({ cast: 3, status: 'CLOSED' });
  });
});

it('refuses a subscriber without a valid token', async () => {
  app = await startTestApp({ template: inject('templateDatabase') });
  const client = createClient({
    url: app.gateway.url.replace('http', 'ws'),
    webSocketImpl: WebSocket,
    connectionParams: { authorization: 'Bearer forged' },
    retryAttempts: 0,
  });
  const events = client.iterate({
    query: `subscription { votingTurnout(votingPeriodId: "00000000-0000-4000-8000-000000000000") { cast } }`,
  });
  const refusal = await events.next().then(
    () => null,
    (errors: { message: string; extensions?: { code?: string } }[]) => errors,
  );
  await client.dispose();
  expect(refusal).toEqual([
    expect.objectContaining({ message: 'Invalid token', extensions: { code: 'UNAUTHENTICATED' } }),
  ]);
});
