#!/usr/bin/env bash
# Start etcd + kube-apiserver on 127.0.0.1 (free ports chosen now) in the state directory $1.
#
#   e2e/control-plane/start.sh <state dir> [kube version]
#
# Writes into the state dir: pki/ (openssl CA, serving cert, admin client cert, service-account
# key pair), etcd/ (data), logs/{etcd,kube-apiserver}.log, pids (one "<name> <pid>" a line,
# for stop.sh), env (shell assignments: KUBE_API_URL, KUBECONFIG, ...), kubeconfig.
# On any failure it stops what it started and exits non-zero.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=versions.sh
source "$here/versions.sh"
state="$1"
kube_version="${2:-$E2E_KUBE_VERSION}"
cache="${CDK8S_FLINK_E2E_CACHE:-$HOME/.cache/cdk8s-flink-e2e}"
etcd_bin="$cache/bin/etcd-$ETCD_VERSION"
apiserver_bin="$cache/bin/kube-apiserver-$kube_version"
for b in "$etcd_bin" "$apiserver_bin"; do
  [[ -x "$b" ]] || { echo "missing $b: run e2e/control-plane/build.sh first" >&2; exit 1; }
done

mkdir -p "$state/pki" "$state/logs" "$state/etcd"
: > "$state/pids"
trap 'status=$?; if [[ $status -ne 0 ]]; then "$here/stop.sh" "$state"; fi' EXIT

# The API server stands for the `kubernetes` Service's cluster IP: 127.0.0.2, not 127.0.0.1,
# which inside a pod is the pod itself (kubelet/podnet.c). etcd is only for the API server.
api_host="${E2E_API_HOST:-127.0.0.2}"
free_port() { node -e 'const s=require("net").createServer();s.listen(0,process.argv[1]||"127.0.0.1",()=>{console.log(s.address().port);s.close()})' "${1:-127.0.0.1}"; }

# --- certificates (openssl) ---------------------------------------------------------------
pki="$state/pki"
(
  cd "$pki"
  openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.crt -days 2 -subj "/CN=cdk8s-flink-e2e-ca" 2>/dev/null
  cat > serving.ext <<EOF
subjectAltName=IP:$api_host,IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local
extendedKeyUsage=serverAuth
EOF
  openssl req -newkey rsa:2048 -nodes -keyout apiserver.key -out apiserver.csr -subj "/CN=kube-apiserver" 2>/dev/null
  openssl x509 -req -in apiserver.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out apiserver.crt -days 2 -extfile serving.ext 2>/dev/null
  printf 'extendedKeyUsage=clientAuth\n' > client.ext
  openssl req -newkey rsa:2048 -nodes -keyout admin.key -out admin.csr -subj "/O=system:masters/CN=e2e-admin" 2>/dev/null
  openssl x509 -req -in admin.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out admin.crt -days 2 -extfile client.ext 2>/dev/null
  openssl genrsa -out sa.key 2048 2>/dev/null
  openssl rsa -in sa.key -pubout -out sa.pub 2>/dev/null
)

# --- audit policy: every request of a ServiceAccount (Flink, the HA agent), metadata only ----
# The harness reads it for the agent's request rate and to prove no request was denied.
cat > "$state/audit-policy.yaml" <<'EOF'
apiVersion: audit.k8s.io/v1
kind: Policy
omitStages: [RequestReceived]
rules:
  - level: Metadata
    userGroups: ["system:serviceaccounts"]
  - level: None
EOF

# --- etcd ---------------------------------------------------------------------------------
etcd_client_port="$(free_port)"; etcd_peer_port="$(free_port)"
"$etcd_bin" --name e2e --data-dir "$state/etcd" \
  --listen-client-urls "http://127.0.0.1:$etcd_client_port" --advertise-client-urls "http://127.0.0.1:$etcd_client_port" \
  --listen-peer-urls "http://127.0.0.1:$etcd_peer_port" --initial-advertise-peer-urls "http://127.0.0.1:$etcd_peer_port" \
  --initial-cluster "e2e=http://127.0.0.1:$etcd_peer_port" --log-level warn \
  > "$state/logs/etcd.log" 2>&1 &
echo "etcd $!" >> "$state/pids"

# --- kube-apiserver -----------------------------------------------------------------------
api_port="$(free_port "$api_host")"
"$apiserver_bin" \
  --bind-address="$api_host" --secure-port="$api_port" --advertise-address="$api_host" \
  --etcd-servers="http://127.0.0.1:$etcd_client_port" \
  --tls-cert-file="$pki/apiserver.crt" --tls-private-key-file="$pki/apiserver.key" \
  --client-ca-file="$pki/ca.crt" \
  --authorization-mode=RBAC \
  --enable-admission-plugins=NamespaceLifecycle,LimitRanger,ServiceAccount,PodSecurity,DefaultStorageClass,ResourceQuota,ValidatingAdmissionPolicy \
  --audit-policy-file="$state/audit-policy.yaml" --audit-log-path="$state/logs/audit.log" --audit-log-maxsize=0 \
  --service-account-issuer=https://kubernetes.default.svc.cluster.local \
  --service-account-key-file="$pki/sa.pub" --service-account-signing-key-file="$pki/sa.key" \
  --service-cluster-ip-range=10.96.0.0/16 \
  --endpoint-reconciler-type=none \
  --allow-privileged=false \
  --profiling=false \
  > "$state/logs/kube-apiserver.log" 2>&1 &
echo "kube-apiserver $!" >> "$state/pids"

cat > "$state/kubeconfig" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: e2e
  cluster:
    server: https://$api_host:$api_port
    certificate-authority: $pki/ca.crt
users:
- name: e2e-admin
  user:
    client-certificate: $pki/admin.crt
    client-key: $pki/admin.key
contexts:
- name: e2e
  context: {cluster: e2e, user: e2e-admin}
current-context: e2e
EOF

deadline=$((SECONDS + 90))
until curl -fsS --cacert "$pki/ca.crt" --cert "$pki/admin.crt" --key "$pki/admin.key" \
    "https://$api_host:$api_port/readyz" >/dev/null 2>&1; do
  while read -r name pid; do
    kill -0 "$pid" 2>/dev/null || { echo "$name exited; last log lines:" >&2; tail -20 "$state/logs/$name.log" >&2; exit 1; }
  done < "$state/pids"
  (( SECONDS < deadline )) || { echo "kube-apiserver not ready after 90 s" >&2; tail -20 "$state/logs/kube-apiserver.log" >&2; exit 1; }
  sleep 0.5
done

cat > "$state/env" <<EOF
KUBE_API_HOST=$api_host
KUBE_API_PORT=$api_port
KUBE_API_URL=https://$api_host:$api_port
KUBE_CA_FILE=$pki/ca.crt
KUBECONFIG=$state/kubeconfig
KUBE_VERSION=$kube_version
ETCD_URL=http://127.0.0.1:$etcd_client_port
EOF
echo "control plane $kube_version ready at https://$api_host:$api_port (state $state)"
