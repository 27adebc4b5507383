import { Chart, Testing, Yaml } from 'cdk8s';
import * as fc from 'fast-check';
import { FlinkCluster, FlinkClusterProps } from '../../src';
import { ExampleChart } from '../../examples/main';
import { validProps } from '../support/arbitraries';
import { configureSeed, runs } from '../support/fc-seed';
import { reverseKeys } from '../support/reverse-keys';
import { TRUST_SCENARIOS } from '../support/trust-scenarios';

const seed = configureSeed();

/** The YAML `cdk8s synth` would write for one chart. */
const yamlOf = (chart: Chart) => Yaml.stringify(...chart.toJson());

function synthYaml(props: FlinkClusterProps): string {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'flink' });
  new FlinkCluster(chart, 'Flink', props);
  return yamlOf(chart);
}

test('the example app synthesizes to the same bytes twice', () => {
  const first = yamlOf(new ExampleChart(Testing.app(), 'flink-example'));
  const second = yamlOf(new ExampleChart(Testing.app(), 'flink-example'));
  expect(first.length).toBeGreaterThan(1000);
  expect(second).toBe(first);
});

test('reverseKeys reverses nested plain objects and keeps class instances', () => {
  const props = TRUST_SCENARIOS['gcs credentials file, user volumes and env']() as any;
  const reversed = reverseKeys(props);
  expect(Object.keys(reversed)).toEqual(Object.keys(props).reverse());
  expect(Object.keys(reversed.taskManager.resources)).toEqual(Object.keys(props.taskManager.resources).reverse());
  expect(reversed.highAvailability.storage).toBe(props.highAvailability.storage);
  expect(reversed.taskManager.resources.memory).toBe(props.taskManager.resources.memory);
});

describe('key order of the props does not change a byte (flinkConfiguration, nodeSelector and all)', () => {
  test.each(Object.entries(TRUST_SCENARIOS))('%s', (_name, props) => {
    expect(synthYaml(reverseKeys(props()))).toBe(synthYaml(props()));
  });

  test(`for generated props (seed ${seed})`, () => {
    fc.assert(
      fc.property(validProps, (props) => {
        expect(synthYaml(reverseKeys(props))).toBe(synthYaml(props));
      }),
      { numRuns: runs(100) },
    );
  });
});
