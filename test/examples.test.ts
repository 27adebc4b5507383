import { Chart, Testing } from 'cdk8s';
import { Construct } from 'constructs';
import { S3HaChart } from '../examples/s3-ha';
import { SessionClusterChart } from '../examples/session-cluster';
import { TwoClustersChart } from '../examples/two-clusters';
import { ExampleChart } from '../examples/main';

const EXAMPLES: Array<[string, new (scope: Construct, id: string) => Chart, number]> = [
  ['seed example (examples/main.ts)', ExampleChart, 1],
  ['session cluster', SessionClusterChart, 1],
  ['S3 HA', S3HaChart, 1],
  ['two clusters in one namespace', TwoClustersChart, 2],
];

describe('documented examples synthesize', () => {
  test.each(EXAMPLES)('%s', (_name, ChartClass, clusters) => {
    const objects = Testing.synth(new ChartClass(Testing.app(), 'example'));
    expect(objects.filter((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-jobmanager'))).toHaveLength(
      clusters,
    );
    const names = objects.map((o) => `${o.kind}/${o.metadata.name}`);
    expect(new Set(names).size).toBe(names.length);
  });
});
