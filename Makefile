# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv and installs what it needs; nothing else has to be installed by hand.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip --disable-pip-version-check -q

.PHONY: site test serve bench clean system-deps browser-deps

# PyICU gives newsgen ICU's language-correct alphabetical order; it compiles against
# Debian's libicu-dev. Without root or apt, newsgen falls back to its own collation.
system-deps:
	@if ! dpkg -s libicu-dev pkg-config >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && apt-get install -y -qq libicu-dev pkg-config >/dev/null; \
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

site: $(VENV)/.site-installed
	$(PY) -m newsgen build .
	@echo
	@echo "The sample archive is in $(CURDIR)/build/"
	@echo "Preview it with live reload:  $(VENV)/bin/newsgen serve   (then open http://127.0.0.1:8000/)"

test: $(VENV)/.test-installed
	$(PY) -m pytest -q

clean:
	rm -rf build .venv .pytest_cache .hypothesis
