# Pinned control-plane versions (each has a scratch module under modules/).
ETCD_VERSION=v3.7.3
# Newest Kubernetes release; the oldest one the output claims is listed in E2E_KUBE_VERSIONS when built.
E2E_KUBE_VERSION="${E2E_KUBE_VERSION:-v1.37.2}"
