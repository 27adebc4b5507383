import { execFileSync } from 'child_process';
import { join } from 'path';
import { Yaml } from 'cdk8s';
import { TRUST_SCENARIOS } from '../support/trust-scenarios';
import { exampleProps } from '../support/scenarios';
import { synthCluster } from '../support/synth';
import { FlinkClusterProps, FlinkVersion } from '../../src';

/**
 * GitOps tools read our YAML with go-yaml or libyaml (YAML 1.1), Flink reads config.yaml with
 * a YAML 1.1 parser too; the `yaml` package that writes it speaks YAML 1.2. Every scenario must
 * read back identically through libyaml (PyYAML's C loader).
 */
function readWithLibyaml(
  manifest: string,
  configs: string[],
): { objects: unknown[]; configs: Record<string, string>[] } {
  const out = execFileSync('python3', [join(__dirname, '..', 'support', 'libyaml_roundtrip.py')], {
    input: JSON.stringify({ manifest, configs }),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return JSON.parse(out);
}

/** Values YAML 1.1 would change (booleans, octal, sexagesimal, timestamps, nulls) or refuse. */
const TRICKY: FlinkClusterProps['flinkConfiguration'] = {
  'web.tmpdir': 'no',
  'pipeline.name': 'off',
  'web.log.path': '012',
  'web.upload.dir': '0x1F',
  'taskmanager.host': '12:30',
  'rest.profiling.enabled': 'true',
  'metrics.scope.jm-operator': 'yes',
  'metrics.scope.jm': '@x',
  'metrics.scope.tm': '%x',
  'metrics.scope.task': '- a',
  'metrics.scope.operator': '2024-01-01',
  'metrics.scope.jm-job': 'null',
  'metrics.scope.tm-job': '.inf',
};

const scenarios: Array<[string, () => FlinkClusterProps]> = [
  ...Object.entries(TRUST_SCENARIOS),
  ['YAML 1.1 look-alike values', () => ({ ...exampleProps(FlinkVersion.V2_2), flinkConfiguration: TRICKY })],
  ['cluster id "no"', () => ({ ...exampleProps(FlinkVersion.V1_20), clusterId: 'no' })],
];

test.each(scenarios)('%s reads back identically through libyaml', (_name, props) => {
  const { cluster, objects } = synthCluster(props());
  const configMap = objects.find((o) => o.metadata.name === cluster.configMapName)!;
  const configs = cluster._model.traits.configFileName === 'config.yaml' ? [configMap.data['config.yaml']] : [];
  const read = readWithLibyaml(Yaml.stringify(...objects), configs);
  expect(read.objects).toEqual(JSON.parse(JSON.stringify(objects)));
  for (const config of read.configs) expect(config).toEqual(cluster.flinkConfig);
});
