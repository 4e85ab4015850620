#!/bin/sh
# Initialises $PGDATA on first start (superuser $POSTGRES_USER with $POSTGRES_PASSWORD, database
# $POSTGRES_DB, password logins over TCP from anywhere), then runs PostgreSQL in the foreground.
# The cluster is made in a sibling directory and moved into place only when complete, so an
# interrupted first start is redone rather than left half-made.
set -eu
: "${POSTGRES_USER:?POSTGRES_USER is required}"
: "${POSTGRES_PASSWORD:?POSTGRES_PASSWORD is required}"
: "${POSTGRES_DB:=$POSTGRES_USER}"

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  staging="$PGDATA.init"
  rm -rf "$staging"
  password_file=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$password_file"
  # Local (socket) connections are trusted: the socket lives in /tmp inside this container only.
  initdb --pgdata="$staging" --username="$POSTGRES_USER" --pwfile="$password_file" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  rm -f "$password_file"
  printf 'host all all 0.0.0.0/0 scram-sha-256\nhost all all ::/0 scram-sha-256\n' >>"$staging/pg_hba.conf"
  pg_ctl --pgdata="$staging" --wait --options="-c listen_addresses='' -c unix_socket_directories=/tmp" start >/dev/null
  if [ "$POSTGRES_DB" != postgres ]; then
    createdb --host=/tmp --username="$POSTGRES_USER" "$POSTGRES_DB"
  fi
  pg_ctl --pgdata="$staging" --wait --mode=fast stop >/dev/null
  rm -rf "$PGDATA"
  mv "$staging" "$PGDATA"
fi

exec postgres -c listen_addresses='*' -c unix_socket_directories=/tmp "$@"
