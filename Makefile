# Two commands: `make site` (set up + build the example site) and `make test` (set up + run tests).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: site test install install-test serve screenshots screenshots-golden benchmark clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(STAMP): $(BIN)/python pyproject.toml constraints.txt
	$(BIN)/python -m pip install --quiet -c constraints.txt -e .
	touch $(STAMP)

# Byte-compile the package too: with PYTHONDONTWRITEBYTECODE set (as on CI) every command would
# otherwise compile it again (about half a second per build; issue 14).
install: $(STAMP)
	$(BIN)/python -m compileall -q redaction site_builder

site: install
	$(BIN)/openness build
	@echo "Site built in site/. Open site/index.html in a browser, or run: $(BIN)/openness serve"

install-test: install
	$(BIN)/python -m pip install --quiet -c constraints.txt -e ".[test]"
	bash tests/browser/setup.sh

test: install-test
	$(BIN)/python -m pytest -q

serve: install
	$(BIN)/openness serve

screenshots: install-test
	bash tests/browser/setup.sh
	$(BIN)/python tests/browser/screenshots.py

# Take the golden pictures the screenshot tests compare against again; look at them before committing.
screenshots-golden: install-test
	bash tests/browser/setup.sh
	$(BIN)/python tests/browser/screenshots.py --golden

benchmark: install
	$(BIN)/python benchmarks/corpus_leakscan.py
	$(BIN)/python benchmarks/speed.py
	$(BIN)/python benchmarks/questions.py

clean:
	rm -rf .openness site .site-* 
