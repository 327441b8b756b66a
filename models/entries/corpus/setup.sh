#!/usr/bin/env bash
# Installs what the rendered-resume corpus build needs; safe to run again.
#   Debian packages: chromium, wkhtmltopdf, LibreOffice Writer, pandoc, fonts (and antiword for the sample test)
#   npm: the JSON Resume themes, Bootstrap 3 / Font Awesome 4 (local copies of the themes' CDN stylesheets),
#        playwright-core (drives the system Chromium), universities (the school names), from node/package-lock.json
#   Python: a separate virtualenv (default /work/venv-corpus) with rendercv[full] 2.3 (Typst bundled), Faker, tqdm
#   Typst: the vendored @preview/fontawesome:0.5.0 package copied into Typst's package cache
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
VENV="${CORPUS_VENV:-/work/venv-corpus}"
VENDOR="${CORPUS_VENDOR:-$HERE/../../../../shared/vendor}"
[ -d "$VENDOR" ] || VENDOR=/work/shared/vendor

need_apt=()
for pair in chromium:chromium wkhtmltopdf:wkhtmltopdf soffice:libreoffice-writer pandoc:pandoc antiword:antiword \
            node:nodejs npm:npm; do
  command -v "${pair%%:*}" >/dev/null 2>&1 || need_apt+=("${pair#*:}")
done
for pkg in fonts-dejavu fonts-liberation fonts-noto-core; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "apt-get install ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

# npm packages (no install scripts: nothing downloads a browser)
(cd "$HERE/node" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error)

# the rendering virtualenv, kept apart from the project's own
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install -q --disable-pip-version-check -r "$HERE/requirements.txt"

# Typst cannot reach its package registry here: RenderCV's themes import @preview/fontawesome:0.5.0
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/typst/packages"
if [ ! -d "$CACHE/preview/fontawesome/0.5.0" ]; then
  mkdir -p "$CACHE"
  cp -r "$VENDOR/typst-packages/preview" "$CACHE/"
fi
echo "corpus setup done: $VENV/bin/python $HERE/build.py --out /work/corpus --n 3000 --seed 1 --jobs 2"
