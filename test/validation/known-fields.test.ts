import { readFileSync } from 'fs';
import { k8s } from '../../imports/k8s';
import { FlinkValidationError } from '../../src/validation/errors';
import {
  ENUMS,
  NAME_REFS,
  nearestName,
  RANGES,
  RELATIVE_PATHS,
  requireK8s,
  requireKnownFields,
} from '../../src/validation/known-fields';
import { KNOWN_FIELDS } from '../../src/validation/known-fields.generated';
import { generateKnownFields, KNOWN_FIELDS_FILE } from './generate-known-fields';

const thrown = (f: () => unknown): FlinkValidationError | undefined => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkValidationError);
    return e as FlinkValidationError;
  }
  return undefined;
};

test('the shipped field tree is the one the declarations give (regenerate with the script it names)', () => {
  expect(readFileSync(KNOWN_FIELDS_FILE, 'utf8')).toBe(generateKnownFields());
}, 60_000);

test('the tree covers every object-typed prop and the Kubernetes types inside them', () => {
  for (const t of [
    'FlinkClusterProps',
    'JobManagerProps',
    'CheckpointingProps',
    'NewClaimProps',
    'ObjectStoreCredentials',
  ])
    expect(KNOWN_FIELDS).toHaveProperty([t]);
  for (const t of ['k8s.Volume', 'k8s.Affinity', 'k8s.Toleration', 'k8s.EnvVar', 'k8s.EnvFromSource'])
    expect(KNOWN_FIELDS).toHaveProperty([t]);
  expect(KNOWN_FIELDS['k8s.NetworkPolicyPeer']).toEqual({
    ipBlock: 'k8s.IpBlock?',
    namespaceSelector: 'k8s.LabelSelector?',
    podSelector: 'k8s.LabelSelector?',
  });
});

test('every value rule names a field of the tree', () => {
  for (const key of [...Object.keys(ENUMS), ...Object.keys(RANGES), ...Object.keys(NAME_REFS), ...RELATIVE_PATHS]) {
    const [, type, field] = /^(.*)\.([^.]+)$/.exec(key)!;
    expect([key, KNOWN_FIELDS[type]?.[field]]).toEqual([key, expect.any(String)]);
  }
});

describe('unknown keys', () => {
  test('every field of every type is known; any other key is refused, at any depth', () => {
    for (const [type, fields] of Object.entries(KNOWN_FIELDS)) {
      const ok = Object.fromEntries(Object.keys(fields).map((f) => [f, undefined]));
      expect(thrown(() => requireKnownFields('x', ok, type))).toBeUndefined();
      expect(thrown(() => requireKnownFields('x', { ...ok, zzzUnknown: 1 }, type))?.prop).toBe('x');
    }
    const e = thrown(() =>
      requireKnownFields(
        '',
        {
          jobManager: {
            affinity: {
              podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{ labelSelector: { matchLabel: {} } }] },
            },
          },
        },
        'FlinkClusterProps',
      ),
    );
    expect(e?.prop).toBe(
      'jobManager.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].labelSelector',
    );
    expect(e?.value).toBe('"matchLabel"');
  });

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__'])(
    'a prototype name (%s) is never a known field',
    (key) => {
      for (const type of Object.keys(KNOWN_FIELDS)) {
        const value = JSON.parse(`{${JSON.stringify(key)}: {}}`);
        expect(thrown(() => requireKnownFields('x', value, type))?.value).toBe(JSON.stringify(key));
      }
      // Nor is it a type name.
      expect(thrown(() => requireKnownFields('x', { a: 1 }, key))).toBeUndefined();
    },
  );

  test('near misses get a suggestion; far misses get the list', () => {
    const known = ['matchLabels', 'matchExpressions'];
    expect(nearestName('matchLabel', known)).toBe('matchLabels');
    expect(nearestName('matchLables', known)).toBe('matchLabels');
    expect(nearestName('MatchLabels', known)).toBe('matchLabels');
    expect(nearestName('exept', ['cidr', 'except'])).toBe('except');
    expect(nearestName('operater', ['key', 'operator', 'values'])).toBe('operator');
    expect(nearestName('flinkConfig', Object.keys(KNOWN_FIELDS.FlinkClusterProps))).toBe('flinkConfiguration');
    expect(nearestName('xyz', known)).toBeUndefined();
    expect(thrown(() => requireKnownFields('', { zz: 1 }, 'GitOpsProps'))?.reason).toMatch(
      /use one of argoCdSyncWaves$/,
    );
  });

  test('a huge key is refused quickly and shown cut short', () => {
    const started = Date.now();
    const e = thrown(() => requireKnownFields('', { ['x'.repeat(1_000_000)]: 1 }, 'FlinkClusterProps'));
    expect(Date.now() - started).toBeLessThan(2000);
    expect(e?.value.length).toBeLessThan(120);
  });

  test('control characters in keys are escaped in the prop path, never printed raw', () => {
    const e = thrown(() => requireK8s('t', { matchLabels: { '\u001b[2J': 1 } }, 'k8s.LabelSelector'));
    expect(e?.prop).toBe('t.matchLabels["\\u001b[2J"]');
    expect(e?.message.includes('\u001b')).toBe(false);
  });

  test('values of the wrong kind are left to the rule that owns the prop', () => {
    expect(
      thrown(() =>
        requireKnownFields('', { jobManager: 'big', network: { restAllowedFrom: 'x' } }, 'FlinkClusterProps'),
      ),
    ).toBeUndefined();
  });
});

describe('Kubernetes objects (strict)', () => {
  test('well-formed objects pass', () => {
    const volume: k8s.Volume = {
      name: 'scratch',
      ephemeral: {
        volumeClaimTemplate: {
          metadata: { labels: { a: 'b' } },
          spec: {
            accessModes: ['ReadWriteOnce'],
            resources: { requests: { storage: k8s.Quantity.fromString('1Gi') } },
          },
        },
      },
    };
    expect(thrown(() => requireK8s('v', volume, 'k8s.Volume'))).toBeUndefined();
    expect(
      thrown(() => requireK8s('t', [{ key: 'a', operator: 'Exists', tolerationSeconds: 30 }], 'k8s.Toleration[]')),
    ).toBeUndefined();
  });

  test.each([
    ['a string for a number', [{ tolerationSeconds: '30' }], 'k8s.Toleration[]', 't[0].tolerationSeconds'],
    ['a list entry that is no object', ['spot'], 'k8s.Toleration[]', 't[0]'],
    // eslint-disable-next-line no-sparse-arrays -- a hole is what a careless caller passes
    ['a hole in a list', [, { key: 'a' }], 'k8s.Toleration[]', 't[0]'],
    ['a map value that is no string', { matchLabels: { app: 1 } }, 'k8s.LabelSelector', 't.matchLabels["app"]'],
    ['a map value left undefined', { matchLabels: { app: undefined } }, 'k8s.LabelSelector', 't.matchLabels["app"]'],
    ['a quantity as a string', { name: 'd', emptyDir: { sizeLimit: '1Gi' } }, 'k8s.Volume', 't.emptyDir.sizeLimit'],
    [
      'a missing required field',
      { nodeSelectorTerms: [{ matchExpressions: [{ key: 'a' }] }] },
      'k8s.NodeSelector',
      't.nodeSelectorTerms[0].matchExpressions[0].operator',
    ],
    ['a NaN', [{ tolerationSeconds: NaN }], 'k8s.Toleration[]', 't[0].tolerationSeconds'],
    [
      'a "constructor" key in a map',
      { matchLabels: { constructor: 'x' } },
      'k8s.LabelSelector',
      't.matchLabels["constructor"]',
    ],
    ['a Date where an object goes', { nodeAffinity: new Date() }, 'k8s.Affinity', 't.nodeAffinity'],
    ['an object without a prototype', { nodeAffinity: Object.create(null) }, 'k8s.Affinity', 't.nodeAffinity'],
    ['a number that is not whole', [{ tolerationSeconds: 1.5 }], 'k8s.Toleration[]', 't[0].tolerationSeconds'],
    ['a number out of range', { defaultMode: 0o1000 }, 'k8s.SecretVolumeSource', 't.defaultMode'],
    ['a value outside an enum', [{ key: 'a', operator: 'exists' }], 'k8s.Toleration[]', 't[0].operator'],
    [
      'an enum inside a list',
      { accessModes: ['ReadWriteOnce', 'rwx'] },
      'k8s.PersistentVolumeClaimSpec',
      't.accessModes[1]',
    ],
    [
      'a file path climbing out of the volume',
      { name: 'c', items: [{ key: 'k', path: '../x' }] },
      'k8s.ConfigMapVolumeSource',
      't.items[0].path',
    ],
    [
      'an absolute file path',
      { sources: [{ serviceAccountToken: { path: '/token' } }] },
      'k8s.ProjectedVolumeSource',
      't.sources[0].serviceAccountToken.path',
    ],
    ['a reference without its name', { name: 'd', secret: {} }, 'k8s.Volume', 't.secret.secretName'],
  ])('refused: %s', (_what, value, kind, prop) => {
    expect(thrown(() => requireK8s('t', value, kind))?.prop).toBe(prop);
  });
});
