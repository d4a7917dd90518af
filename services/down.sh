#!/usr/bin/env bash
# Stops what up.sh started (by pid file only; never another process). Usage: services/down.sh [names]
set -uo pipefail
here=$(dirname "$0")
which=("$@")
[ ${#which[@]} -gt 0 ] || which=(elasticsearch cassandra)
for s in "${which[@]}"; do "$here/$s.sh" stop; done
