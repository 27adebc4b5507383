import { TRUST_SCENARIOS } from '../support/trust-scenarios';
import { schemaProblems, validateObjects } from '../support/k8s/schema';
import { FIELD_TREE_SOURCE, knowsType, RULE_TYPES } from '../support/k8s/strict';
import { synthCluster } from '../support/synth';

// One child process validates every scenario's objects at once.
const synthesized = Object.entries(TRUST_SCENARIOS).map(([name, props]) => ({
  name,
  objects: synthCluster(props()).objects,
}));
const results = validateObjects(synthesized.flatMap((s) => s.objects));

describe('every scenario validates against the Kubernetes OpenAPI schemas and syntax rules', () => {
  let offset = 0;
  const rows = synthesized.map((s) => {
    const mine = results.slice(offset, offset + s.objects.length);
    offset += s.objects.length;
    return [s.name, mine] as const;
  });
  test.each(rows)('%s', (_name, mine) => {
    expect(mine.length).toBeGreaterThan(5);
    expect(mine.flatMap((r) => r.problems.map((p) => `${r.object}: ${p}`))).toEqual([]);
    // Every kind has a schema, the PodMonitor (a CRD) included.
    expect(mine.filter((r) => r.unchecked).map((r) => r.object)).toEqual([]);
  });
});

describe('the validator catches what it claims to', () => {
  const deployment = () => JSON.parse(JSON.stringify(synthesized[0].objects.find((o) => o.kind === 'Deployment')));
  const cases: Array<[string, (d: any) => void, RegExp]> = [
    [
      'missing required field',
      (d) => {
        delete d.spec.selector;
      },
      /schema: \/spec must have required property selector/,
    ],
    [
      'wrong type',
      (d) => {
        d.spec.replicas = '2';
      },
      /schema: \/spec\/replicas must be integer/,
    ],
    [
      'unknown field, deep',
      (d) => {
        d.spec.template.spec.containers[0].securityContext.runAsNoRoot = true;
      },
      /securityContext\.runAsNoRoot: unknown field/,
    ],
    [
      'port out of range',
      (d) => {
        d.spec.template.spec.containers[0].ports[0].containerPort = 70000;
      },
      /containerPort 70000 is not a port number/,
    ],
    [
      'port name too long',
      (d) => {
        d.spec.template.spec.containers[0].ports[0].name = 'a-very-long-port-name';
      },
      /"a-very-long-port-name" is not an IANA_SVC_NAME/,
    ],
    [
      'label value too long',
      (d) => {
        d.metadata.labels.x = 'v'.repeat(64);
      },
      /labels\["x"\] value "v{64}" is not a valid label value/,
    ],
    [
      'bad label key',
      (d) => {
        d.metadata.labels['a b'] = 'x';
      },
      /labels key "a b" is not a qualified name/,
    ],
    [
      'object name not DNS-1123',
      (d) => {
        d.metadata.name = 'My_Deployment';
      },
      /Deployment name "My_Deployment" is not a DNS-1123 subdomain/,
    ],
    [
      'bad quantity',
      (d) => {
        d.spec.template.spec.containers[0].resources.limits.memory = '1GB';
      },
      /limits\.memory "1GB" is not a resource quantity/,
    ],
    [
      'bad container name',
      (d) => {
        d.spec.template.spec.containers[0].name = 'Flink';
      },
      /name "Flink" is not a DNS-1123 label/,
    ],
  ];
  const broken = cases.map(([, mutate]) => {
    const d = deployment();
    mutate(d);
    return d;
  });
  const found = validateObjects(broken);
  test.each(cases.map((c, i) => [c[0], c[2], found[i].problems] as const))('%s', (_name, expected, problems) => {
    expect(problems.join('\n')).toMatch(expected);
  });

  test("the PodMonitor is checked against prometheus-operator's CRD schema", () => {
    const monitor = synthesized.flatMap((x) => x.objects).find((o) => o.kind === 'PodMonitor');
    expect(monitor).toBeDefined();
    const broken = JSON.parse(JSON.stringify(monitor));
    broken.spec.podMetricsEndpoints[0].interval = 'every 15 seconds';
    delete broken.spec.selector;
    expect(schemaProblems([broken]).join('\n')).toMatch(/interval must match pattern/);
    expect(schemaProblems([monitor!])).toEqual([]);
  });

  test('a Service port name must be a DNS label and targetPort a valid port', () => {
    const svc = JSON.parse(JSON.stringify(synthesized[0].objects.find((o) => o.kind === 'Service')));
    svc.spec.ports[0].targetPort = 0;
    svc.spec.ports[0].name = 'REST';
    expect(schemaProblems([svc])).toEqual([
      expect.stringMatching(/targetPort 0 is not a port number/),
      expect.stringMatching(/name "REST" is not a DNS-1123 label/),
    ]);
  });
});

describe('the field tree behind the strict checks', () => {
  test('was generated from the installed kubernetes-models (else: ts-node scripts/generate-k8s-field-tree.ts)', () => {
    expect(FIELD_TREE_SOURCE).toBe(`kubernetes-models@${require('kubernetes-models/package.json').version}`);
  });

  test('knows every type a syntax rule is written for', () => {
    expect(RULE_TYPES.filter((t) => !knowsType(t))).toEqual([]);
  });
});
