#!/bin/sh
# Starts Chromium full screen on the kiosk page once the agent answers. Camera and microphone are
# allowed by managed policy (chromium-policy.json), never by a prompt the citizen would have to answer.
set -eu
URL="${SPORTELLO_KIOSK_URL:-http://127.0.0.1:7300/}"
until curl -fsS "${URL}agent/status" >/dev/null 2>&1; do sleep 1; done
# A fresh profile each start: nothing of a previous session survives a restart either.
PROFILE="$(mktemp -d /tmp/sportello-kiosk.XXXXXX)"
exec /usr/bin/chromium \
  --kiosk "$URL" \
  --user-data-dir="$PROFILE" \
  --no-first-run --noerrdialogs --disable-infobars \
  --disable-session-crashed-bubble --disable-translate \
  --disable-features=TranslateUI,Translate \
  --disable-pinch --overscroll-history-navigation=0 \
  --autoplay-policy=no-user-gesture-required \
  --check-for-update-interval=31536000 \
  --disable-background-networking --disable-sync --disable-component-update
