import { ConversionFinding, FindingSeverity } from './conversion-report';
import { documentLabel, ManifestDocument } from './documents';
import { isMap } from './manifest';

const FLINK_GROUP = /^flink\.apache\.org\//;

const sessionJob = (target: string, jar: string) =>
  `not converted: a FlinkSessionJob runs a job (${jar}) on the operator's session cluster ${target}; the construct runs session clusters but submits no jobs to them, so this job would not run. Submit it to the converted cluster yourself (flink run, or the REST API's /jars/upload and /jars/:id/run)`;
const stateSnapshot = (existing: string | undefined) =>
  existing
    ? `not converted: a FlinkStateSnapshot that records the savepoint ${existing}; to start a converted job from it, set job.initialSavepointPath to that path`
    : "not converted: a FlinkStateSnapshot asks the operator to take a savepoint or checkpoint, and the construct has no operator; take it with Flink's CLI or REST API";
const blueGreen = () =>
  "not converted: a FlinkBlueGreenDeployment is the operator's blue/green pair of FlinkDeployments; convert its spec.template as a FlinkDeployment";
const otherFlinkKind = (kind: string) =>
  `not converted: ${kind} is an operator resource the construct has no equivalent for`;
const kubernetesObject = (kind: string) =>
  `not converted: the conversion writes only the Flink cluster; this ${kind} is left out of the output, so apply it yourself alongside it (the converted cluster may refer to it by name)`;
const notAnObject = () => 'not converted: it is not a Kubernetes object (no kind)';

/** The finding for a document of a manifest file that is not a FlinkDeployment. */
export function otherDocumentFinding(doc: ManifestDocument): ConversionFinding {
  const path = documentLabel(doc);
  const finding = (severity: FindingSeverity, message: string) => ({ path, severity, message });
  const spec = isMap(doc.value) && isMap(doc.value.spec) ? doc.value.spec : {};
  switch (doc.kind) {
    case undefined:
      return finding('error', notAnObject());
    case 'FlinkSessionJob': {
      const job = isMap(spec.job) ? spec.job : {};
      const target = typeof spec.deploymentName === 'string' ? spec.deploymentName : '(no deploymentName)';
      return finding('error', sessionJob(target, typeof job.jarURI === 'string' ? job.jarURI : 'without a jarURI'));
    }
    case 'FlinkStateSnapshot': {
      const savepoint = isMap(spec.savepoint) ? spec.savepoint : {};
      const existing =
        savepoint.alreadyExists === true && typeof savepoint.path === 'string' ? savepoint.path : undefined;
      return finding('error', stateSnapshot(existing));
    }
    case 'FlinkBlueGreenDeployment':
      return finding('error', blueGreen());
    default:
      return doc.apiVersion && FLINK_GROUP.test(doc.apiVersion)
        ? finding('error', otherFlinkKind(doc.kind))
        : finding('warning', kubernetesObject(doc.kind));
  }
}
