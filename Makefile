# Kinerja: `make run` serves the demo on SQLite; `make test` runs the whole suite.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
MANAGE := $(PY) manage.py
DEBIAN_PACKAGES := chromium chromium-l10n poppler-utils fonts-dejavu-core fonts-liberation2 libpango-1.0-0 libpangoft2-1.0-0
DEMO_EMPLOYEES ?= 600
PYTEST_ARGS ?= -n 2

.PHONY: help check-system venv install run migrate demo test lint typecheck contract bench clean

help:
	@echo "make run    - siapkan lingkungan, migrasi SQLite, muat data demo, jalankan di http://127.0.0.1:8000"
	@echo "make test   - jalankan seluruh pengujian (ruff, mypy, check, makemigrations --check, kontrak impor, pytest)"
	@echo "make bench  - tolok ukur pada PostgreSQL (DATABASE_URL), lihat docs/performance.md"
	@echo "             sebagian saja: make bench BENCH_ARGS=\"--only cycle --scales 6000\""

check-system:
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' || { echo "Perlu Python 3.11 atau lebih baru."; exit 1; }
	@$(PYTHON) -c 'import venv' 2>/dev/null || { echo "Modul venv tidak ada: sudo apt-get install python3-venv"; exit 1; }
	@missing=""; for pkg in $(DEBIAN_PACKAGES); do dpkg -s $$pkg >/dev/null 2>&1 || missing="$$missing $$pkg"; done; \
	 if [ -n "$$missing" ]; then echo "Paket Debian belum terpasang:$$missing"; \
	   echo "Pasang dengan: sudo apt-get install -y$$missing"; \
	   if [ "$$(id -u)" = "0" ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; else exit 1; fi; fi

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

venv: $(BIN)/activate

$(VENV)/.installed: pyproject.toml requirements.lock | venv
	$(BIN)/pip install -q --upgrade pip
	printf 'setuptools<81\n' > $(VENV)/build-constraints.txt
	$(BIN)/pip install -q --build-constraint $(VENV)/build-constraints.txt -r requirements.lock
	$(BIN)/pip install -q --no-deps --build-constraint $(VENV)/build-constraints.txt -e .
	touch $@

install: check-system $(VENV)/.installed

migrate: install
	DEBUG=true $(MANAGE) migrate --noinput

demo: migrate
	DEBUG=true $(MANAGE) seed_demo --employees $(DEMO_EMPLOYEES) --if-empty
	DEBUG=true $(MANAGE) seed_development
	DEBUG=true $(MANAGE) seed_planning
	DEBUG=true $(MANAGE) seed_evaluation

run: demo
	@echo "Akun demo: lihat README atau jalankan: $(MANAGE) demo_personas"
	DEBUG=true $(MANAGE) runserver 127.0.0.1:8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

typecheck: install
	KINERJA_TESTING=true $(BIN)/mypy

contract: install
	$(BIN)/lint-imports

test: install lint typecheck contract
	KINERJA_TESTING=true $(MANAGE) check
	KINERJA_TESTING=true $(MANAGE) makemigrations --check --dry-run
	KINERJA_TESTING=true $(BIN)/pytest $(PYTEST_ARGS)

bench: install
	$(PY) bench/run.py $(BENCH_ARGS)

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 db.sqlite3-* media
