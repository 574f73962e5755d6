# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv and installs what it needs; nothing else has to be installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

QUALITY := tests/quality

.PHONY: site test serve bench clean system-deps browser-deps quality-deps

# PyICU gives newsgen ICU's language-correct alphabetical order; it compiles against
# Debian's libicu-dev. Without root or apt, newsgen falls back to its own collation.
# gcc and the Python headers compile the tagger to C (setup.py; a test checks its tags).
system-deps:
	@if ! dpkg -s libicu-dev pkg-config gcc python3-dev >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config gcc python3-dev >/dev/null; \
	fi

$(VENV)/.site-installed: pyproject.toml | system-deps
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -e . 
	$(PIP) install 'pyicu>=2.12,<3' || echo "PyICU not installed: using newsgen's built-in collation"
	touch $@

# Browser tests drive Debian's Chromium through Playwright; no browser is ever downloaded.
browser-deps:
	@if [ ! -x /usr/bin/chromium ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	fi

$(VENV)/.test-installed: pyproject.toml $(VENV)/.site-installed | browser-deps
	$(PIP) install -e '.[test]'
	touch $@

# The quality tests run checkers newsgen did not write: the W3C Nu Html Checker (vnu.jar, run by
# Debian's Java) and axe-core (injected into Debian's Chromium). Both come from npm, pinned by
# tests/quality/package-lock.json; install scripts are off (vnu-jar's would download a Java runtime).
quality-deps:
	@missing=""; \
	command -v java >/dev/null 2>&1 || missing="$$missing default-jre-headless"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ] && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq $$missing >/dev/null; \
	fi

$(QUALITY)/node_modules/.installed: $(QUALITY)/package.json $(QUALITY)/package-lock.json | quality-deps
	(cd $(QUALITY) && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) && touch $@ \
		|| echo "axe-core and vnu.jar not installed: tests/quality skips them (and fails under CI)"

site: $(VENV)/.site-installed
	$(PY) -m newsgen build .
	@echo
	@echo "The sample archive is in $(CURDIR)/build/"
	@echo "Preview it with live reload:  $(VENV)/bin/newsgen serve   (then open http://127.0.0.1:8000/)"

test: $(VENV)/.test-installed $(QUALITY)/node_modules/.installed
	$(PY) -m pytest -q

clean:
	rm -rf build .newsgen .venv .pytest_cache .hypothesis $(QUALITY)/node_modules
