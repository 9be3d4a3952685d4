#!/bin/sh
# stamp-terminal: the terminal's command line, installed as /usr/bin/stamp-terminal.
#
# Without STAMP_TERMINAL_HOME, STAMP_TERMINAL_CONFIG, --home or --config it works on the
# kiosk's own database (/var/lib/stamp-terminal) and settings (/etc/stamp-terminal/config.toml),
# and root runs it as the kiosk user stamp-kiosk, so that every file it writes stays the
# kiosk's: `sudo stamp-terminal status` shows the kiosk's queue, `sudo stamp-terminal config set
# server_url ...` sets up the kiosk, `sudo stamp-terminal nfc read` tests the reader with the
# kiosk user's permissions.
set -e
BUNDLE=/opt/stamp-terminal/stamp-terminal
KIOSK_USER=stamp-kiosk

for argument in "$@"; do
    case "$argument" in
        --home | --home=* | --config | --config=*) exec "$BUNDLE" "$@" ;;
    esac
done
if [ -n "${STAMP_TERMINAL_HOME:-}" ] || [ -n "${STAMP_TERMINAL_CONFIG:-}" ]; then
    exec "$BUNDLE" "$@"
fi

STAMP_TERMINAL_HOME=/var/lib/stamp-terminal
STAMP_TERMINAL_CONFIG=/etc/stamp-terminal/config.toml
export STAMP_TERMINAL_HOME STAMP_TERMINAL_CONFIG
if [ "$(id -u)" = 0 ] && getent passwd "$KIOSK_USER" >/dev/null; then
    exec runuser -u "$KIOSK_USER" -- "$BUNDLE" "$@"
fi
exec "$BUNDLE" "$@"
