import { Chart, ChartProps, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { FlinkCluster, FlinkVersion, HaStorage } from '../src';

/** A session cluster: JobManagers wait for jobs submitted with `flink run` or the REST API. */
export class SessionClusterChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'analytics', ...props });
    new FlinkCluster(this, 'Session', {
      flinkVersion: FlinkVersion.V2_0,
      clusterId: 'analytics-session',
      taskManager: { replicas: 4, taskSlots: 4, resources: { cpu: 2, memory: Size.gibibytes(4) } },
      highAvailability: { storage: HaStorage.newClaim({ storageClassName: 'nfs-client', size: Size.gibibytes(5) }) },
    });
  }
}
