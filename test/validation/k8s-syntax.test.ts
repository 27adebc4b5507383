import {
  requireAnnotations,
  requireDnsLabel,
  requireDnsSubdomain,
  requireEnvFrom,
  requireEnvVarName,
  requireLabels,
  requirePeers,
  requireTolerations,
} from '../../src/validation/k8s-syntax';
import { FlinkValidationError } from '../../src/validation/errors';

const ok = (f: () => unknown) => expect(f).not.toThrow();
const bad = (f: () => unknown, prop: string) => {
  expect(f).toThrow(FlinkValidationError);
  try {
    f();
  } catch (e) {
    expect((e as FlinkValidationError).prop).toBe(prop);
  }
};

describe('names', () => {
  test('DNS labels: 63 characters at most, no dots or capitals', () => {
    ok(() => requireDnsLabel('v', 'a'.repeat(63), 'volume name'));
    bad(() => requireDnsLabel('v', 'a'.repeat(64), 'volume name'), 'v');
    bad(() => requireDnsLabel('v', 'a.b', 'volume name'), 'v');
    bad(() => requireDnsLabel('v', '-a', 'volume name'), 'v');
  });

  test('DNS subdomains allow dots, not capitals or underscores', () => {
    ok(() => requireDnsSubdomain('s', 'fast.ssd-1', 'StorageClass name'));
    bad(() => requireDnsSubdomain('s', 'Fast_SSD', 'StorageClass name'), 's');
    bad(() => requireDnsSubdomain('s', 'a..b', 'StorageClass name'), 's');
    bad(() => requireDnsSubdomain('s', 'a'.repeat(254), 'StorageClass name'), 's');
  });

  test('env var names follow Kubernetes 1.28 (IsEnvVarName)', () => {
    for (const n of ['TZ', 'my.var', '_X', 'a-b']) ok(() => requireEnvVarName('e', n));
    for (const n of ['1X', 'A=B', '', 'A B']) bad(() => requireEnvVarName('e', n), 'e');
  });
});

describe('labels and annotations', () => {
  test('label keys may carry a DNS prefix; names and values are at most 63 characters', () => {
    ok(() => requireLabels('l', { 'example.com/team': 'data', a: '', [`x/${'n'.repeat(63)}`]: 'v'.repeat(63) }));
    bad(() => requireLabels('l', { 'Example.com/team': 'x' }), 'l["Example.com/team"]');
    bad(() => requireLabels('l', { [`${'n'.repeat(64)}`]: 'x' }), `l["${'n'.repeat(64)}"]`);
    bad(() => requireLabels('l', { a: 'v'.repeat(64) }), 'l["a"]');
    bad(() => requireLabels('l', { a: 1 } as any), 'l["a"]');
    bad(() => requireLabels('l', ['a'] as any), 'l');
  });

  test('annotation values are any string, within 256 KiB in total', () => {
    ok(() => requireAnnotations('a', { 'example.com/note': 'spaces and: colons are fine' }));
    bad(() => requireAnnotations('a', { 'example.com/n': true } as any), 'a["example.com/n"]');
    bad(() => requireAnnotations('a', { x: 'y'.repeat(256 * 1024) }), 'a');
  });
});

describe('NetworkPolicy peers', () => {
  test('a peer names a selector or an ipBlock with a CIDR', () => {
    ok(() =>
      requirePeers('p', [
        { namespaceSelector: {} },
        { podSelector: { matchLabels: { a: 'b' } } },
        { ipBlock: { cidr: 'fd00::/8' } },
      ]),
    );
    bad(() => requirePeers('p', [{}]), 'p[0]');
    bad(() => requirePeers('p', ['monitoring'] as any), 'p[0]');
    bad(() => requirePeers('p', [{ namespaceSelector: 'monitoring' }] as any), 'p[0].namespaceSelector');
    bad(() => requirePeers('p', [{ ipBlock: { cidr: '10.0.0.1' } }]), 'p[0].ipBlock.cidr');
  });
});

describe('pod lists', () => {
  test('envFrom names exactly one Secret or ConfigMap, by a valid name, with an optional prefix', () => {
    ok(() =>
      requireEnvFrom('e', [
        { secretRef: { name: 'kafka' } },
        { configMapRef: { name: 'settings', optional: true }, prefix: 'JOB_' },
      ]),
    );
    bad(() => requireEnvFrom('e', [{}] as any), 'e[0]');
    bad(() => requireEnvFrom('e', [{ secretRef: { name: 'Kafka_Creds' } }]), 'e[0].secretRef.name');
    bad(
      () => requireEnvFrom('e', [{ configMapRef: { name: 'c', optional: 'yes' } }] as any),
      'e[0].configMapRef.optional',
    );
    bad(() => requireEnvFrom('e', [{ secretRef: { name: 's' }, prefix: '1X' }]), 'e[0].prefix');
  });

  test('tolerations are a list of objects', () => {
    ok(() => requireTolerations('t', [{ key: 'dedicated', operator: 'Exists' }]));
    bad(() => requireTolerations('t', 'dedicated' as any), 't');
    bad(() => requireTolerations('t', ['dedicated'] as any), 't[0]');
  });
});
