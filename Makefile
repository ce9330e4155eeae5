# The two commands of the quick start: `make run` and `make test`.
.PHONY: run test check bench setup

setup:
	@bash scripts/setup.sh

# Set up, index the corpus (only what changed), and serve the API and the web page.
run: setup
	.venv/bin/qa index
	.venv/bin/qa serve

# Set up (including Chromium) and run every test, the linters and the type checker. bench/ is
# scripts that import each other by bare name ("from _measure import ..."), hence its own pass.
test:
	@bash scripts/setup.sh --browser
	.venv/bin/ruff check qa tests $(wildcard bench)
	.venv/bin/ruff format --check qa tests $(wildcard bench)
	.venv/bin/mypy qa tests
	MYPYPATH=bench .venv/bin/mypy $(wildcard bench/*.py)
	.venv/bin/python -m pytest -q

bench: setup
	.venv/bin/python bench/run.py
