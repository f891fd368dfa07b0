# Sourced by testbed/up: the cluster's certificates and kubeconfigs, made once with openssl under $PKI.

# make_cert <file> <CN> <O or ""> <subjectAltName or ""> <extendedKeyUsage>
make_cert() {
  local f=$1 cn=$2 o=$3 san=$4 eku=$5
  [ -s "$PKI/$f.crt" ] && [ -s "$PKI/$f.key" ] && return 0
  openssl req -newkey rsa:2048 -nodes -keyout "$PKI/$f.key" -out "$PKI/$f.csr" -subj "/CN=$cn${o:+/O=$o}" 2>/dev/null
  {
    printf 'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature,keyEncipherment\nextendedKeyUsage=%s\n' "$eku"
    [ -n "$san" ] && printf 'subjectAltName=%s\n' "$san"
  } >"$PKI/$f.ext"
  openssl x509 -req -in "$PKI/$f.csr" -CA "$PKI/ca.crt" -CAkey "$PKI/ca.key" -CAcreateserial -days 3650 \
    -extfile "$PKI/$f.ext" -out "$PKI/$f.crt" 2>/dev/null
  rm -f "$PKI/$f.csr" "$PKI/$f.ext"
  chmod 600 "$PKI/$f.key"
}

# make_kubeconfig <name> : $STATE_DIR/<name>.kubeconfig with the client certificate <name>.crt
make_kubeconfig() {
  local n=$1 out=$STATE_DIR/$1.kubeconfig
  [ "$n" = admin ] && out=$ADMIN_KUBECONFIG
  [ -s "$out" ] && return 0
  cat >"$out.tmp" <<EOF
apiVersion: v1
kind: Config
clusters:
- name: tusk-testbed
  cluster:
    server: https://$NODE_IP:6443
    certificate-authority: $PKI/ca.crt
users:
- name: $n
  user:
    client-certificate: $PKI/$n.crt
    client-key: $PKI/$n.key
contexts:
- name: tusk-testbed
  context:
    cluster: tusk-testbed
    user: $n
current-context: tusk-testbed
EOF
  chmod 600 "$out.tmp"; mv "$out.tmp" "$out"
}

ensure_pki() {
  mkdir -p "$PKI"; chmod 700 "$PKI"
  if [ ! -s "$PKI/ca.crt" ]; then
    openssl req -x509 -newkey rsa:2048 -nodes -keyout "$PKI/ca.key" -out "$PKI/ca.crt" -days 3650 \
      -subj /CN=tusk-testbed-ca 2>/dev/null
    chmod 600 "$PKI/ca.key"
  fi
  make_cert apiserver kube-apiserver "" \
    "DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.$CLUSTER_DOMAIN,DNS:localhost,DNS:$NODE_NAME,IP:127.0.0.1,IP:$NODE_IP,IP:$KUBERNETES_SERVICE_IP" \
    serverAuth
  # O=system:masters lets the apiserver use the kubelet's API (logs, exec, port-forward) under Webhook authz.
  make_cert apiserver-kubelet-client kube-apiserver-kubelet-client system:masters "" clientAuth
  make_cert admin tusk-testbed-admin system:masters "" clientAuth
  make_cert controller-manager system:kube-controller-manager "" "" clientAuth
  make_cert scheduler system:kube-scheduler "" "" clientAuth
  make_cert kubelet "system:node:$NODE_NAME" system:nodes "" clientAuth
  make_cert kube-proxy system:kube-proxy "" "" clientAuth
  make_cert coredns system:coredns "" "" clientAuth
  if [ ! -s "$PKI/sa.key" ]; then
    openssl genrsa -out "$PKI/sa.key" 2048 2>/dev/null && openssl rsa -in "$PKI/sa.key" -pubout -out "$PKI/sa.pub" 2>/dev/null
    chmod 600 "$PKI/sa.key"
  fi
  local n
  for n in admin controller-manager scheduler kubelet kube-proxy coredns; do make_kubeconfig "$n"; done
}
