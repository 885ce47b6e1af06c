# Sourced by the project's scripts: the Pulumi CLI built by setup first on PATH, and offline settings.
# Usage: source scripts/env.sh "$pulumi_bin"
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The provider plugin (pulumi-resource-netns) of this checkout, for programs in other languages.
export PATH="$1:$repo/provider/plugin/bin:$PATH"
export PULUMI_HOME="$repo/.state/pulumi-home"
export PULUMI_BACKEND_URL="file://$repo/.state/backend"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE-}"
export PULUMI_SKIP_UPDATE_CHECK=true
export PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
export PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK=true
export PULUMI_NODEJS_TRANSPILE_ONLY="${PULUMI_NODEJS_TRANSPILE_ONLY:-true}"
mkdir -p "$repo/.state/backend" "$PULUMI_HOME"
