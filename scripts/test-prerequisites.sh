#!/bin/sh
# Run before `npm test` (its pretest) and by .ci/run: the Debian packages the tests need besides npm's.
# All present costs a few stat calls. Missing ones are installed with apt-get as root, or through
# `sudo -n` when that works; otherwise the script stops at once naming the command to run.
# SPORTELLO_PREREQUISITES_ROOT is for this script's own test only: the files are looked for under it.
set -eu
root="${SPORTELLO_PREREQUISITES_ROOT:-}"

# package, then the file the tests use from it.
# chromium: the browser tests drive Debian's Chromium (a test tool's own browser download cannot work here).
# softhsm2: the PKCS#11 signer's tests use SoftHSM2 as the card's token.
# coturn: the TURN relay test runs a real turnserver of its own.
# espeak-ng: the board's spoken calls and the kiosk's reading (through the agent) are synthesised with it,
# and the speech tests measure its audio.
# prometheus: the metrics test has Prometheus' own parser, promtool, read a real scrape (no server is run).
# tesseract-ocr(-ara, -ukr), fonts-noto-core: Arabic and Ukrainian tickets are printed as pictures drawn
# with the Noto fonts, and the print tests read them back with tesseract's OCR.
missing_packages() {
  for pair in chromium:/usr/bin/chromium softhsm2:/usr/lib/softhsm/libsofthsm2.so coturn:/usr/bin/turnserver espeak-ng:/usr/bin/espeak-ng prometheus:/usr/bin/promtool \
    tesseract-ocr:/usr/bin/tesseract tesseract-ocr-ara:/usr/share/tesseract-ocr/5/tessdata/ara.traineddata \
    tesseract-ocr-ukr:/usr/share/tesseract-ocr/5/tessdata/ukr.traineddata \
    fonts-noto-core:/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf; do
    [ -e "$root${pair#*:}" ] || printf '%s ' "${pair%%:*}"
  done
}

missing=$(missing_packages)
[ -z "$missing" ] && exit 0
missing=${missing% }

if [ "$(id -u)" = 0 ]; then
  as=''
elif command -v sudo >/dev/null 2>&1 && sudo -n true >/dev/null 2>&1; then
  as='sudo -n'
else
  echo "npm test needs Debian packages that are not installed: $missing" >&2
  echo "Install them, then run npm test again:" >&2
  echo "  sudo apt-get install -y $missing" >&2
  exit 1
fi

echo "Installing the Debian packages the tests need: $missing" >&2
$as apt-get update -qq
# $missing is a list of package names: split on purpose. Prometheus without the node exporter it
# recommends: only its promtool is wanted.
# shellcheck disable=SC2086
rest=$(printf '%s\n' $missing | grep -vx prometheus | tr '\n' ' ')
rest=${rest% }
# shellcheck disable=SC2086
[ -z "$rest" ] || $as env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $rest >/dev/null
case " $missing " in
  *' prometheus '*)
    $as env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus >/dev/null
    # The package starts a Prometheus server (port 9090) for good; the tests want none.
    if [ -d "$root/run/systemd/system" ]; then
      $as systemctl disable --now prometheus.service >/dev/null 2>&1
    elif [ -e "$root/etc/init.d/prometheus" ]; then
      $as service prometheus stop >/dev/null
      $as update-rc.d prometheus disable >/dev/null
    fi
    ;;
esac

case " $missing " in
  *' coturn '*)
    # The tests start their own turnserver; the package's system service would hold port 3478 for good.
    # systemd starts and enables it on install; sysvinit only when /etc/default/coturn says so.
    if [ -d "$root/run/systemd/system" ]; then
      $as systemctl disable --now coturn.service >/dev/null 2>&1
    elif grep -qs '^[[:space:]]*TURNSERVER_ENABLED=1' "$root/etc/default/coturn"; then
      $as service coturn stop >/dev/null
      $as update-rc.d coturn disable >/dev/null
    fi
    ;;
esac

still=$(missing_packages)
if [ -n "$still" ]; then
  echo "apt-get ran, but the files the tests use are still missing for: $still" >&2
  exit 1
fi
