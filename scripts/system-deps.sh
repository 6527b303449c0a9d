#!/usr/bin/env sh
# Installs the system libraries briefings needs where they are missing (Debian/Ubuntu, as root),
# else says which to install. WeasyPrint needs Pango; the tests read PDFs back as PNG with
# pdftoppm (poppler-utils); libharfbuzz-subset0 makes font subsetting fast.
set -u
missing=""
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing="$missing libpango-1.0-0 libpangoft2-1.0-0"
command -v pdftoppm >/dev/null 2>&1 || missing="$missing poppler-utils"
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing="$missing libharfbuzz-subset0"
fc-list 2>/dev/null | grep -qi 'dejavu' || missing="$missing fonts-dejavu-core"
# Optional (--optional; CI passes it): the tests that need these skip cleanly without them.
# chromium: tests/test_browser.py opens brief.html at phone and desktop widths.
# PDFBox Preflight (+ the Java EE jars it needs on Java 11+ and a JRE): validates PDF/A.
if [ "${1:-}" = "--optional" ]; then
  [ -x /usr/bin/chromium ] || missing="$missing chromium chromium-driver"
  [ -f /usr/share/java/preflight.jar ] || missing="$missing libpdfbox2-java"
  [ -f /usr/share/java/javax.activation.jar ] || missing="$missing libactivation-java"
  [ -f /usr/share/java/jaxb-api.jar ] || missing="$missing libjaxb-api-java"
  command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system packages:$missing"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 || {
    apt-get update -q >/dev/null 2>&1
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q $missing >/dev/null 2>&1 || echo "Could not install:$missing" >&2
  }
else
  echo "Please install these system packages:$missing (e.g. sudo apt-get install$missing)" >&2
fi
exit 0
