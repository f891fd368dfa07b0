# Sourced by the testbed scripts: versions, addresses and paths in one place.
# State lives under /var/lib/tusk-testbed, built things under /var/cache/tusk-testbed; nothing in the checkout.

K8S_VERSION=v1.34.10
COREDNS_VERSION=v1.14.7
PAUSE_IMAGE=registry.k8s.io/pause:3.10
BASE_IMAGE=docker.io/library/debian:trixie-slim
AGENT_IMAGE=docker.io/tusk/agent:0.1.0-pg17

CACHE_DIR=${TUSK_TESTBED_CACHE:-/var/cache/tusk-testbed}
STATE_DIR=/var/lib/tusk-testbed
K8S_DIR=$CACHE_DIR/kubernetes-$K8S_VERSION
K8S_BIN=$K8S_DIR/bin
K8S_COMMANDS=(kube-apiserver kube-controller-manager kube-scheduler kubelet kube-proxy kubectl)
COREDNS_DIR=$CACHE_DIR/coredns-$COREDNS_VERSION
IMAGES_DIR=$CACHE_DIR/images

NODE_NAME=testbed
NODE_IP=198.18.0.1          # on the cni0 bridge: API advertise address, node IP, cluster DNS
POD_CIDR=198.18.0.0/16
NODE_POD_CIDR=198.18.0.0/24
SERVICE_CIDR=198.19.0.0/16
KUBERNETES_SERVICE_IP=198.19.0.1
CLUSTER_DOMAIN=cluster.local
BRIDGE=cni0

PKI=$STATE_DIR/pki
ADMIN_KUBECONFIG=$STATE_DIR/admin.kubeconfig
RUN_DIR=$STATE_DIR/run       # PID files
LOG_DIR=$STATE_DIR/log
CONTAINERD_ROOT=$STATE_DIR/containerd
CONTAINERD_STATE=/run/tusk-testbed/containerd
CONTAINERD_SOCK=$CONTAINERD_STATE/containerd.sock
KUBELET_ROOT=$STATE_DIR/kubelet
ETCD_DATA=$STATE_DIR/etcd    # a tmpfs: the cluster is disposable
CNI_CONF_DIR=$STATE_DIR/cni/net.d
CNI_STATE_DIR=$STATE_DIR/cni/state
PV_DIR=/tmp/hostpath_pv      # the controller-manager's host-path provisioner writes here (only /tmp is deletable)
LOCK_FILE=$STATE_DIR/lock

log() { echo "$(basename "$0"): $*" >&2; }
die() { log "$*"; exit 1; }
need_root() { [ "$(id -u)" -eq 0 ] || die "needs root (it runs a Kubernetes node on this machine); run it as root"; }

# Go builds: only the Go module proxy. A Go older than a module needs (CoreDNS wants 1.25) fetches the newer
# toolchain from the proxy as the module golang.org/toolchain (GOTOOLCHAIN=auto).
go_env() {
  export CGO_ENABLED=0 GOFLAGS=-trimpath
  local d
  for d in /usr/local/go/bin /usr/lib/go-1.24/bin; do
    if ! command -v go >/dev/null 2>&1 && [ -x "$d/go" ]; then export PATH=$PATH:$d; fi
  done
  command -v go >/dev/null 2>&1 || die "no Go toolchain; run testbed/prerequisites"
  if go version | grep -Eq 'go1\.(2[5-9]|[3-9][0-9])'; then export GOTOOLCHAIN=local; else export GOTOOLCHAIN=auto; fi
}

kubectl() { "$K8S_BIN/kubectl" --kubeconfig "$ADMIN_KUBECONFIG" "$@"; }
ctr_k8s() { ctr --address "$CONTAINERD_SOCK" -n k8s.io "$@"; }

# daemon_alive <name>: the PID in $RUN_DIR/<name>.pid runs and is that daemon (guards against PID reuse)
daemon_alive() {
  local f=$RUN_DIR/$1.pid pid exe
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || return 1
  [ "$(basename "${exe% (deleted)}")" = "$1" ]
}

# stop_daemon <name>: SIGTERM to the recorded PID, SIGKILL after 10 s; forgets the PID file
stop_daemon() {
  local name=$1 pid i
  if daemon_alive "$name"; then
    pid=$(cat "$RUN_DIR/$name.pid")
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 40); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
    if kill -0 "$pid" 2>/dev/null; then log "$name ($pid) ignored SIGTERM for 10 s; killing it"; kill -KILL "$pid" 2>/dev/null || true; fi
    log "stopped $name ($pid)"
  fi
  rm -f "$RUN_DIR/$name.pid"
}
