#!/bin/sh
# Restores a backup made by backup.sh into the database named by PGDATABASE (PGHOST, PGPORT, PGUSER, PGPASSWORD
# as for backup.sh), replacing what is there: every object in the archive is dropped first and recreated, in one
# transaction, so a restore that fails leaves the database as it was. Stop the bots before, start them after
# (they apply any migration newer than the backup at start). Usage: sh deploy/restore.sh <file.dump>
set -eu
file="${1:?usage: restore.sh <backup file made by backup.sh>}"
[ -f "$file" ] || { echo "no such backup file: $file" >&2; exit 2; }
pg_restore --clean --if-exists --no-owner --single-transaction --exit-on-error --dbname="${PGDATABASE:?set PGDATABASE}" "$file"
echo "restored $file into $PGDATABASE"
