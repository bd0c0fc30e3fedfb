#!/bin/sh
# One backup of the bot's PostgreSQL database: a pg_dump custom-format archive in BACKUP_DIR, named by the UTC
# time, written to a temporary name first so a half-written file never looks like a backup; then only the
# newest BACKUP_KEEP archives are kept. The connection comes from libpq's own variables (PGHOST, PGPORT, PGUSER,
# PGPASSWORD, PGDATABASE), so any password works as it is, with no URL encoding.
# docker-compose.yml's `backup` service runs it every BACKUP_INTERVAL seconds; by hand: sh deploy/backup.sh
set -eu
BACKUP_DIR="${BACKUP_DIR:-/backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
mkdir -p "$BACKUP_DIR"
name="itbot-$(date -u +%Y%m%dT%H%M%SZ).dump"
pg_dump --format=custom --no-owner --file="$BACKUP_DIR/.$name.partial"
mv "$BACKUP_DIR/.$name.partial" "$BACKUP_DIR/$name"
echo "backup written: $BACKUP_DIR/$name"
# The names sort by time; delete all but the newest BACKUP_KEEP.
ls -1 "$BACKUP_DIR" | grep -E '^itbot-[0-9]{8}T[0-9]{6}Z\.dump$' | sort -r | tail -n +"$((BACKUP_KEEP + 1))" |
  while read -r old; do rm -f "$BACKUP_DIR/$old" && echo "old backup removed: $old"; done
