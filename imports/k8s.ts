// cdk8s-plus-28 ships the generated Kubernetes 1.28 classes; re-exporting them keeps
// the build offline (`cdk8s import k8s` would download a schema).
export * from 'cdk8s-plus-28/lib/imports/k8s';
