import { parseDurationSeconds, parseLeaderRecord, parseTime } from '../../../src/agent/election/leader-record';

describe('parseLeaderRecord', () => {
  const base = {
    holderIdentity: '3f1c2b9e-5d7a-4c1e-9a0b-1234567890ab',
    acquireTime: '2026-01-01T00:00:00.000000Z',
    renewTime: '2026-01-01T00:00:10.123456Z',
    leaderTransitions: 2,
  };
  test.each([
    ['number lease', { ...base, leaseDuration: 15 }, 15],
    ['decimal string lease (Go seconds)', { ...base, leaseDuration: '15.000000000' }, 15],
    ['ISO-8601 lease', { ...base, leaseDuration: 'PT15S' }, 15],
    ['ISO-8601 minutes', { ...base, leaseDuration: 'PT1M30S' }, 90],
    ['Go duration string', { ...base, leaseDuration: '15s' }, 15],
    ['leaseDurationSeconds spelling', { ...base, leaseDurationSeconds: 20 }, 20],
  ])('%s', (_name, record, seconds) => {
    const r = parseLeaderRecord(JSON.stringify(record));
    expect(r).toEqual({
      kind: 'ok',
      holderIdentity: base.holderIdentity,
      leaseDurationSeconds: seconds,
      acquireTime: Date.parse('2026-01-01T00:00:00Z'),
      renewTime: Date.parse('2026-01-01T00:00:10.123Z'),
      leaderTransitions: 2,
    });
  });

  test.each([
    ['garbage', 'not json{', /^not JSON/],
    ['array', '[1,2]', /^not a JSON object/],
    ['no holder', JSON.stringify({ leaseDuration: 15 }), /^no holderIdentity/],
    ['numeric holder', JSON.stringify({ holderIdentity: 7, leaseDuration: 15 }), /^holderIdentity is not a string/],
    [
      'unknown lease format',
      JSON.stringify({ holderIdentity: 'x', leaseDuration: 'fifteen' }),
      /^unknown leaseDuration format: "fifteen"/,
    ],
  ])('unparseable: %s is reported, not thrown', (_name, raw, reason) => {
    const r = parseLeaderRecord(raw);
    expect(r.kind).toBe('unparseable');
    if (r.kind === 'unparseable') {
      expect(r.reason).toMatch(reason);
      expect(r.raw).toBe(raw);
    }
  });

  test('missing annotation', () => {
    expect(parseLeaderRecord(undefined)).toEqual({ kind: 'missing' });
    expect(parseLeaderRecord('')).toEqual({ kind: 'missing' });
  });

  test('unreadable times and transitions degrade to undefined / 0', () => {
    const r = parseLeaderRecord(
      JSON.stringify({ holderIdentity: 'h', leaseDuration: 15, renewTime: 'yesterday', leaderTransitions: 'x' }),
    );
    expect(r).toEqual({
      kind: 'ok',
      holderIdentity: 'h',
      leaseDurationSeconds: 15,
      acquireTime: undefined,
      renewTime: undefined,
      leaderTransitions: 0,
    });
  });
});

test.each([
  [15, 15],
  ['15', 15],
  ['15.5', 15.5],
  ['PT2M', 120],
  ['1m30s', 90],
  ['250ms', 0.25],
  ['-1', undefined],
  [-1, undefined],
  [null, undefined],
  ['P1D', undefined],
])('parseDurationSeconds(%j) = %j', (input, expected) => {
  expect(parseDurationSeconds(input)).toBe(expected);
});

test.each([
  ['2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:00:00Z')],
  ['2026-01-01T00:00:00.123456789Z', Date.parse('2026-01-01T00:00:00.123Z')],
  ['2026-01-01T01:00:00.5+01:00', Date.parse('2026-01-01T00:00:00.500Z')],
  ['2026-01-01', undefined],
])('parseTime(%j)', (input, expected) => {
  expect(parseTime(input)).toBe(expected);
});

describe('hostile leader records', () => {
  const good = {
    holderIdentity: 'uuid',
    leaseDuration: 15,
    renewTime: '2026-01-01T00:00:10.000000Z',
    leaderTransitions: 1,
  };

  test('an annotation larger than any record Flink writes is not parsed', () => {
    const big = JSON.stringify({ ...good, padding: 'x'.repeat(64 * 1024) });
    expect(parseLeaderRecord(big)).toMatchObject({ kind: 'unparseable', reason: expect.stringMatching(/too large/) });
  });

  test('prototype keys are data, never the record', () => {
    const sneaky = `{"__proto__": ${JSON.stringify(good)}, "constructor": {"prototype": {"x": 1}}}`;
    expect(parseLeaderRecord(sneaky)).toMatchObject({ kind: 'unparseable', reason: 'no holderIdentity' });
    const record = parseLeaderRecord(JSON.stringify({ ...good, constructor: 'x', toString: 'y' }));
    expect(record).toMatchObject({ kind: 'ok', holderIdentity: 'uuid', leaseDurationSeconds: 15 });
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  test.each([
    ['a holder longer than an identity', { ...good, holderIdentity: 'h'.repeat(300) }, /holderIdentity is longer/],
    ['an enormous duration text', { ...good, leaseDuration: '1'.repeat(5000) }, /unknown leaseDuration format: "1{20}/],
  ])('%s is unparseable, with a short reason', (_what, json, reason) => {
    const record = parseLeaderRecord(JSON.stringify(json));
    expect(record).toMatchObject({ kind: 'unparseable', reason: expect.stringMatching(reason) });
    expect((record as { reason: string }).reason.length).toBeLessThan(200);
  });

  test('an annotation that is not a string (a misbehaving API server) is unparseable, not a crash', () => {
    expect(parseLeaderRecord(42 as unknown as string)).toMatchObject({ kind: 'unparseable' });
  });

  test('a transition count that is not a count is 0', () => {
    expect(parseLeaderRecord(JSON.stringify({ ...good, leaderTransitions: -5 }))).toMatchObject({
      leaderTransitions: 0,
    });
    expect(parseLeaderRecord(JSON.stringify({ ...good, leaderTransitions: 1e300 }))).toMatchObject({
      leaderTransitions: 0,
    });
  });
});
