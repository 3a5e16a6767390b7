#!/usr/bin/env bash
# The Python package: build it with pip from this checkout into a fresh virtualenv
# (maturin, PyO3, abi3), then run its pytest suite: the report pair through Python
# equals the CLI, scores equal sacrebleu 2.6.0, errors carry the CLI's messages, and
# the Dask recipe on a local 2-worker cluster equals `bitext batch`.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo fmt --manifest-path crates/python/Cargo.toml -- --check
cargo clippy --manifest-path crates/python/Cargo.toml --all-targets --quiet -- -D warnings
cargo build --release --quiet
venv=$(realpath -m "${BITEXT_VENV:-target/python-venv}")
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet "./crates/python[test,dask]"
cd crates/python
BITEXT_BIN="$PWD/../../target/release/bitext" "$venv/bin/python" -m pytest -q -p no:cacheprovider tests
"$venv/bin/python" -c 'import bitext, doctest, sys; r = doctest.testmod(bitext); print(f"doctests: {r.attempted} run, {r.failed} failed"); sys.exit(r.failed > 0)'
