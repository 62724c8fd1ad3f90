# Scenario files: TOML reading, extends chains, --set overrides, validation, timelines.
