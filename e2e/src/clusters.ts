/** The clusters the scenarios run, synthesized with the product's own constructs. */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Duration } from 'cdk8s';
import { exampleClusterProps } from '../../examples/main';
import { FlinkCluster, FlinkClusterProps, FlinkVersion } from '../../src';

export type Mode = 'wordcount' | 'checkpointing' | 'session';

/**
 * Whether the API server serves admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy (1.30+).
 * Where it does not, the harness's own clusters turn the construct's policy off, as its docs say to
 * (`security.admissionPolicy: false`, "Kubernetes 1.30 or newer"); the example app and examples/ are
 * still applied exactly as synthesized.
 */
let admissionPolicyServed = true;
export function setAdmissionPolicyServed(served: boolean): void {
  admissionPolicyServed = served;
}

export function clusterProps(minor: string, _release: string, mode: Mode): FlinkClusterProps {
  const version = minor as FlinkVersion;
  const base = exampleClusterProps(version);
  const props: FlinkClusterProps = admissionPolicyServed
    ? { ...base }
    : { ...base, security: { ...base.security, admissionPolicy: false } };
  if (mode === 'wordcount') return props;
  // Session mode: no job in the manifests; jobs come through the REST API and checkpoint with the cluster's settings.
  if (mode === 'session') return { ...props, job: undefined, checkpointing: { interval: Duration.seconds(3) } };
  return {
    ...props,
    job: {
      // A streaming example of the distribution that runs until cancelled and keeps window state.
      jarUri: 'local:///opt/flink/examples/streaming/TopSpeedWindowing.jar',
      entryClass: 'org.apache.flink.streaming.examples.windowing.TopSpeedWindowing',
      parallelism: 2,
    },
    checkpointing: { interval: Duration.seconds(3) },
  };
}

export function synthCluster(outFile: string, namespace: string, props: FlinkClusterProps): void {
  const dir = fs.mkdtempSync(path.join(path.dirname(outFile), '.synth-'));
  const app = new App({ outdir: dir });
  const chart = new Chart(app, 'e2e', { namespace });
  new FlinkCluster(chart, 'Cluster', props);
  app.synth();
  fs.renameSync(path.join(dir, 'e2e.k8s.yaml'), outFile);
  fs.rmSync(dir, { recursive: true });
}
