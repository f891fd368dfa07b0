# Sourced by testbed/up and testbed/build-agent-image: images built here and imported into containerd, no registry.

# The pause image: Debian's static catatonit as the sandbox's init (catatonit -P = pause mode).
ensure_pause_archive() {
  local out=$IMAGES_DIR/pause-${PAUSE_IMAGE##*:}.tar
  if [ ! -s "$out" ]; then
    mkdir -p "$IMAGES_DIR"
    local root; root=$(mktemp -d)
    install -m 755 /usr/bin/catatonit "$root/catatonit"
    "$TESTBED_DIR/mkimage" "$PAUSE_IMAGE" "$root" '{"Entrypoint":["/catatonit","-P"],"User":"65535:65535"}' "$out"
    rm -rf "$root"
  fi
  echo "$out"
}

# image_digest_in_containerd <ref>: the manifest digest containerd knows for <ref>, or nothing
image_digest_in_containerd() {
  ctr_k8s images ls 2>/dev/null | awk -v r="$1" '$1 == r {print $3}'
}

# archive_digest <oci-archive.tar>: the manifest digest the archive's index names
archive_digest() {
  tar -xOf "$1" index.json | sed -n 's/.*"digest":"\(sha256:[0-9a-f]*\)".*/\1/p' | head -1
}

# import_image <ref> <oci-archive.tar>: imports unless containerd already has exactly that manifest under <ref>
import_image() {
  local ref=$1 archive=$2 want have
  want=$(archive_digest "$archive")
  have=$(image_digest_in_containerd "$ref")
  if [ -n "$want" ] && [ "$want" = "$have" ]; then return 0; fi
  log "importing $ref into containerd ($(du -m "$archive" | cut -f1) MB)"
  ctr_k8s images import "$archive" >/dev/null
  have=$(image_digest_in_containerd "$ref")
  [ -n "$have" ] || die "importing $archive did not yield $ref in containerd"
}
