import {
  parseBoolean,
  parseCpu,
  parseDurationMillis,
  parseMemoryBytes,
  parseWholeNumber,
  toMebibytes,
} from '../../src/convert/quantities';

const MIB = 1024 * 1024;

describe('memory sizes, read as the operator reads them (Flink syntax first, then Kubernetes)', () => {
  test.each<[unknown, number | undefined]>([
    ['1024m', 1024 * MIB],
    ['1024M', 1024 * MIB],
    ['1g', 1024 * MIB],
    ['1024 mb', 1024 * MIB],
    ['2 gibibytes', 2048 * MIB],
    ['1024Mi', 1024 * MIB],
    ['1Gi', 1024 * MIB],
    ['1GB', 1024 * MIB],
    ['1.5Gi', 1536 * MIB],
    ['1G', 1024 * MIB],
    [1073741824, 1024 * MIB],
    ['1073741824', 1024 * MIB],
    ['lots', undefined],
    ['-1Gi', undefined],
    [0, undefined],
    [{}, undefined],
  ])('%p', (input, bytes) => {
    expect(parseMemoryBytes(input)).toBe(bytes);
  });

  test('whole mebibytes, rounding reported', () => {
    expect(toMebibytes(1024 * MIB)).toEqual({ mib: 1024, exact: true });
    expect(toMebibytes(1024 * MIB + 1)).toEqual({ mib: 1024, exact: false });
  });
});

test.each<[unknown, number | undefined]>([
  [1, 1],
  [0.5, 0.5],
  ['500m', 0.5],
  ['2', 2],
  ['1.5', 1.5],
  ['x', undefined],
  [0, undefined],
  ['-1', undefined],
])('cpu %p', (input, cores) => {
  expect(parseCpu(input)).toBe(cores);
});

test.each<[unknown, number | undefined]>([
  [60000, 60000],
  ['60000', 60000],
  ['10 s', 10_000],
  ['10s', 10_000],
  ['1 min', 60_000],
  ['5 min', 300_000],
  ['2h', 7_200_000],
  ['250 ms', 250],
  ['1 d', 86_400_000],
  ['soon', undefined],
  ['1.5 s', undefined],
  [-1, undefined],
])('duration %p', (input, ms) => {
  expect(parseDurationMillis(input)).toBe(ms);
});

test('whole numbers and booleans as Flink configuration strings', () => {
  expect(parseWholeNumber('3')).toBe(3);
  expect(parseWholeNumber(3)).toBe(3);
  expect(parseWholeNumber('3.5')).toBeUndefined();
  expect(parseBoolean('TRUE')).toBe(true);
  expect(parseBoolean(false)).toBe(false);
  expect(parseBoolean('yes')).toBeUndefined();
});
