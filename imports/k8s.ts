// The generated Kubernetes 1.28 classes, from cdk8s-plus-28's public entry point: this keeps
// the build offline (`cdk8s import k8s` would download a schema).
export { k8s } from 'cdk8s-plus-28';
