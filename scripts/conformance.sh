#!/usr/bin/env bash
# conformance.sh - run the conformance matrix runner against the emulator; extra args pass through.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
exec dotnet run --project src/Conformance -c Release -- --target emulator "$@"
