import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { FlinkCluster, FlinkVersion, HaStorage } from '../src';

/**
 * Two clusters in one namespace. Distinct cluster ids keep Flink's HA ConfigMaps, HA
 * directories and every object name apart; they may even share one HA claim.
 */
export class TwoClustersChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'streaming', ...props });
    const storage = HaStorage.existingClaim('streaming-flink-ha');
    for (const [name, jar] of [
      ['clicks', 'clicks.jar'],
      ['payments', 'payments.jar'],
    ]) {
      new FlinkCluster(this, name, {
        flinkVersion: FlinkVersion.V1_19,
        clusterId: name,
        taskManager: { replicas: 2, resources: { memory: Size.gibibytes(2) } },
        highAvailability: { storage },
        job: { jarUri: `local:///opt/flink/usrlib/${jar}`, parallelism: 2 },
      });
    }
  }
}
