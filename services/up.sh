#!/usr/bin/env bash
# Starts Cassandra, then Elasticsearch (one after the other: on two cores a parallel start is
# slower). Each is reused when already running. Usage: services/up.sh [cassandra] [elasticsearch]
set -euo pipefail
here=$(dirname "$0")
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(cassandra elasticsearch)
for s in "${which[@]}"; do "$here/$s.sh" start; done
