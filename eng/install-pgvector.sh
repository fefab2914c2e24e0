#!/usr/bin/env bash
# Builds and installs the pgvector extension into Debian's PostgreSQL when it is missing (bookworm packages no
# pgvector). It builds Debian's own source package (trixie's pgvector 0.8.x) against postgresql-server-dev-<major>,
# using a temporary deb-src stanza that is removed afterwards. Safe to run again: it does nothing once
# `vector.control` is in the server's extension folder.
set -euo pipefail

pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
[ -n "$pg_bin" ] || { echo "install-pgvector: no PostgreSQL under /usr/lib/postgresql" >&2; exit 1; }
major=$(basename "$(dirname "$pg_bin")")
if [ -f "/usr/share/postgresql/$major/extension/vector.control" ]; then
  exit 0
fi

sudo_cmd=""
[ "$(id -u)" -ne 0 ] && command -v sudo >/dev/null 2>&1 && sudo_cmd="sudo"
echo "Building pgvector for PostgreSQL $major from Debian's source package ..."
stanza=/etc/apt/sources.list.d/tacticalrag-pgvector-src.sources
work=$(mktemp -d)
cleanup() { $sudo_cmd rm -f "$stanza"; rm -rf "$work"; }
trap cleanup EXIT

uris=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
[ -n "$uris" ] || uris=http://deb.debian.org/debian
printf 'Types: deb-src\nURIs: %s\nSuites: trixie\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' "$uris" \
  | $sudo_cmd tee "$stanza" >/dev/null
$sudo_cmd apt-get update -qq
$sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "postgresql-server-dev-$major" build-essential dpkg-dev >/dev/null
(cd "$work" && apt-get source --download-only pgvector >/dev/null && dpkg-source -x pgvector_*.dsc src >/dev/null)
make -C "$work/src" -s PG_CONFIG="$pg_bin/pg_config" >/dev/null
$sudo_cmd make -C "$work/src" -s PG_CONFIG="$pg_bin/pg_config" install >/dev/null
echo "pgvector $(awk -F"'" '/default_version/ { print $2 }' "/usr/share/postgresql/$major/extension/vector.control") installed."
