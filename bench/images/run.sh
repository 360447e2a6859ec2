#!/usr/bin/env bash
# Native assemble + push after a one-file change, vs `buildah bud` + `buildah push` of the
# equivalent Dockerfile, against one local docker-registry; then the no-change check.
# Usage: bench/images/run.sh IMAGES_BENCH_BINARY [RUNS]
set -euo pipefail
bench=$(realpath "$1")
runs=${2:-10}
work=$(mktemp -d /tmp/images-bench.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
host=127.0.0.1:$port
cat > "$work/registry.yml" <<YAML
version: 0.1
log:
  level: error
storage:
  filesystem:
    rootdirectory: $work/data
http:
  addr: $host
YAML
docker-registry serve "$work/registry.yml" > "$work/registry.log" 2>&1 &
registry=$!
trap 'kill $registry 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 50); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.1; done

# A base made of local files, and the job both paths add to it.
mkdir -p "$work/ctx"
echo "bench base" > "$work/base-release"
"$bench" base "$host" base 1 "$work/base-release" /etc/base-release
printf 'print("pi")\n' > "$work/ctx/job.py"
cat > "$work/ctx/Dockerfile" <<DOCKERFILE
FROM $host/base:1
ENV JOB=bench
COPY job.py /opt/app/job.py
ENTRYPOINT ["python3", "/opt/app/job.py"]
DOCKERFILE
native="$bench publish $host $host/base:1 $work/ctx/job.py /opt/app/job.py bench/native $work/cache"
buildah="buildah --root $work/buildah/storage --runroot $work/buildah/run --storage-driver vfs"
built="$buildah bud --quiet --isolation chroot --tls-verify=false -t $host/bench/built:latest $work/ctx > /dev/null \
  && $buildah push --quiet --tls-verify=false $host/bench/built:latest docker://$host/bench/built:latest"
change="echo \"# \$(date +%s%N)\" >> $work/ctx/job.py"
$native > /dev/null  # the base's manifest and config into the cache, once

echo "== after a one-file change: native assemble + push vs buildah bud + buildah push"
hyperfine --style basic --runs "$runs" --warmup 1 --prepare "$change" \
  -n "native assemble + push" "$native" -n "buildah bud + buildah push" "$built"
echo "== no change: the content-tag check (hash inputs, one manifest HEAD)"
hyperfine --style basic --runs "$runs" --warmup 2 -N -n "native no-change check" "$native"
$native
