# Sourced by testbed/up: writes every component's configuration under $STATE_DIR (cheap; done on every up).

# write_if_changed <file>: stdin into <file> unless it already holds exactly that (kube-proxy exits when its
# configuration file changes, so an idempotent up must not touch it).
write_if_changed() {
  local tmp; tmp=$(mktemp "$1.XXXXXX")
  cat >"$tmp"
  if cmp -s "$tmp" "$1"; then rm -f "$tmp"; else chmod 644 "$tmp"; mv "$tmp" "$1"; CHANGED_CONFIGS+=("$(basename "$1")"); fi
}

declare -a CHANGED_CONFIGS=()
write_configs() {
  mkdir -p "$STATE_DIR/config" "$CNI_CONF_DIR" "$CNI_STATE_DIR" "$LOG_DIR" "$RUN_DIR" "$CONTAINERD_ROOT" "$KUBELET_ROOT"
  local C=$STATE_DIR/config

  # containerd 1.6, its own root/state/socket. restrict_oom_score_adj is mandatory on these VMs: without
  # CAP_SYS_RESOURCE every sandbox fails at runc create (containerd asks for oom_score_adj -998).
  write_if_changed "$C/containerd.toml" <<EOF
version = 2
root = "$CONTAINERD_ROOT"
state = "$CONTAINERD_STATE"
[grpc]
  address = "$CONTAINERD_SOCK"
[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "$PAUSE_IMAGE"
  restrict_oom_score_adj = true
  tolerate_missing_hugetlb_controller = true
  netns_mounts_under_state_dir = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
      [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc.options]
        SystemdCgroup = false
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "$CNI_CONF_DIR"
    max_conf_num = 1
EOF

  # One bridge (pre-created by up with the node IP), host-local addresses from the node's /24.
  write_if_changed "$CNI_CONF_DIR/10-tusk-testbed.conflist" <<EOF
{"cniVersion":"1.0.0","name":"tusk-testbed","plugins":[
 {"type":"bridge","bridge":"$BRIDGE","isGateway":true,"ipMasq":true,"hairpinMode":true,
  "ipam":{"type":"host-local","dataDir":"$CNI_STATE_DIR/networks",
          "ranges":[[{"subnet":"$NODE_POD_CIDR","gateway":"$NODE_IP"}]],"routes":[{"dst":"0.0.0.0/0"}]}},
 {"type":"portmap","capabilities":{"portMappings":true}},
 {"type":"loopback"}]}
EOF

  # Pods resolve through CoreDNS on the node IP only; the host's resolver is never handed to pods.
  echo "nameserver $NODE_IP" | write_if_changed "$C/resolv.conf"

  write_if_changed "$C/kubelet.yaml" <<EOF
apiVersion: kubelet.config.k8s.io/v1beta1
kind: KubeletConfiguration
address: $NODE_IP
readOnlyPort: 0
healthzBindAddress: 127.0.0.1
containerRuntimeEndpoint: unix://$CONTAINERD_SOCK
cgroupDriver: cgroupfs
cgroupsPerQOS: true
cgroupRoot: /
enforceNodeAllocatable: [pods]
failSwapOn: false
oomScoreAdj: 0
imageGCHighThresholdPercent: 100
imageGCLowThresholdPercent: 99
evictionHard: {memory.available: "100Mi", nodefs.available: "2%", imagefs.available: "2%"}
clusterDNS: [$NODE_IP]
clusterDomain: $CLUSTER_DOMAIN
resolvConf: $C/resolv.conf
podLogsDir: $STATE_DIR/pod-logs
authentication:
  anonymous: {enabled: false}
  webhook: {enabled: true}
  x509: {clientCAFile: $PKI/ca.crt}
authorization: {mode: Webhook}
runtimeRequestTimeout: 2m
serializeImagePulls: false
maxPods: 200
EOF

  write_if_changed "$C/kube-proxy.yaml" <<EOF
apiVersion: kubeproxy.config.k8s.io/v1alpha1
kind: KubeProxyConfiguration
clientConnection: {kubeconfig: $STATE_DIR/kube-proxy.kubeconfig}
hostnameOverride: $NODE_NAME
bindAddress: $NODE_IP
healthzBindAddress: 127.0.0.1:10256
metricsBindAddress: 127.0.0.1:10249
mode: iptables
nodePortAddresses: ["$NODE_IP/32"]  # NodePorts only on the node IP, never on eth0
clusterCIDR: $POD_CIDR
oomScoreAdj: 0
conntrack: {maxPerCore: 0, tcpEstablishedTimeout: 0s, tcpCloseWaitTimeout: 0s}
EOF

  # CoreDNS as a host process on the node IP: cluster names only. Everything else gets NXDOMAIN at once:
  # nothing is forwarded off this machine.
  write_if_changed "$C/Corefile" <<EOF
$CLUSTER_DOMAIN:53 in-addr.arpa:53 ip6.arpa:53 {
    bind $NODE_IP
    errors
    kubernetes $CLUSTER_DOMAIN in-addr.arpa ip6.arpa {
        kubeconfig $STATE_DIR/coredns.kubeconfig tusk-testbed
        pods insecure
    }
    cache 5
}
.:53 {
    bind $NODE_IP
    template ANY ANY {
        rcode NXDOMAIN
    }
}
EOF
}

# What the cluster needs besides its components: the default StorageClass and CoreDNS's read access.
cluster_addons_yaml() {
  cat <<'EOF'
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: standard
  annotations:
    storageclass.kubernetes.io/is-default-class: "true"
provisioner: kubernetes.io/host-path
reclaimPolicy: Delete
volumeBindingMode: Immediate
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: tusk-testbed:coredns
rules:
- apiGroups: [""]
  resources: [endpoints, services, pods, namespaces]
  verbs: [list, watch]
- apiGroups: [discovery.k8s.io]
  resources: [endpointslices]
  verbs: [list, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: tusk-testbed:coredns
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: tusk-testbed:coredns
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: system:coredns
EOF
}
