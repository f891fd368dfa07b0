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

# The buildah every image build of the testbed uses: its own storage (layer cache) under the cache directory.
BASE_ARCHIVE=$IMAGES_DIR/debian-trixie-slim.tar
BUILDAH_ROOT=$CACHE_DIR/buildah/storage
BUILDAH=(buildah --root "$BUILDAH_ROOT" --runroot /run/tusk-testbed/buildah --storage-driver overlay)

# ensure_base_image: makes $BASE_IMAGE (debootstrap --variant=minbase trixie, trimmed like Debian's -slim images)
# as an OCI archive once, and loads it into buildah's storage so that `FROM debian:trixie-slim` resolves locally.
# Sets base_digest. Callers hold the images lock (fd 7 on $CACHE_DIR/.images.lock).
ensure_base_image() {
  mkdir -p "$IMAGES_DIR" "$BUILDAH_ROOT"
  if [ ! -s "$BASE_ARCHIVE" ]; then
    start=$SECONDS
    log "making $BASE_IMAGE from debootstrap --variant=minbase trixie (a few minutes, once)"
    root=$(mktemp -d "$CACHE_DIR/.rootfs.XXXXXX")
    trap 'rm -rf "$root"' EXIT
    debootstrap --variant=minbase --merged-usr trixie "$root" http://deb.debian.org/debian >"$CACHE_DIR/debootstrap.log" 2>&1 ||
      { tail -20 "$CACHE_DIR/debootstrap.log" >&2; die "debootstrap failed (log: $CACHE_DIR/debootstrap.log)"; }
    cat >"$root/etc/apt/sources.list" <<'SRC'
deb http://deb.debian.org/debian trixie main
deb http://deb.debian.org/debian trixie-updates main
deb http://deb.debian.org/debian-security trixie-security main
SRC
    cat >"$root/etc/dpkg/dpkg.cfg.d/slim" <<'DPKG'
# like Debian's -slim images: no documentation, manuals or translations
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
DPKG
    printf 'Acquire::Languages "none";\n' >"$root/etc/apt/apt.conf.d/docker-no-languages"
    printf 'DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };\nAPT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/*.bin || true"; };\nDir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";\n' >"$root/etc/apt/apt.conf.d/docker-clean"
    # files only: directories stay (packages such as openjdk's postinst expect /usr/share/man/man1 to exist)
    find "$root/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
    find "$root/usr/share/man" "$root/usr/share/info" "$root/usr/share/lintian" -not -type d -delete 2>/dev/null || true
    find "$root/usr/share/locale" -mindepth 1 -not -name locale.alias -not -type d -delete
    rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/*.bin "$root"/var/cache/apt/archives/*.deb "$root"/var/log/* \
           "$root"/tmp/* "$root"/var/tmp/* "$root/etc/resolv.conf" "$root/etc/hostname"
    : >"$root/etc/machine-id"
    "$TESTBED_DIR/mkimage" "$BASE_IMAGE" "$root" \
      '{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["bash"]}' "$BASE_ARCHIVE"
    rm -rf "$root"; trap - EXIT
    log "base image made in $((SECONDS - start)) s ($(du -m "$BASE_ARCHIVE" | cut -f1) MB)"
  fi
  base_digest=$(archive_digest "$BASE_ARCHIVE")
  if [ "$("${BUILDAH[@]}" images --noheading --format '{{.Digest}}' "$BASE_IMAGE" 2>/dev/null | head -1)" != "$base_digest" ]; then
    "${BUILDAH[@]}" rmi -f "$BASE_IMAGE" >/dev/null 2>&1 || true
    id=$("${BUILDAH[@]}" pull -q "oci-archive:$BASE_ARCHIVE")
    "${BUILDAH[@]}" tag "$id" "$BASE_IMAGE"
    log "loaded $BASE_IMAGE into buildah's storage"
  fi
}
