#!/bin/sh
# embed.sh VAR FILE: print FILE as a C string constant named VAR, so that
# the runtime shims travel inside hipaa-sandbox (no install path to find).
printf 'const char %s[] =\n' "$1"
sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/\t"/' \
    -e 's/$/\\n"/' "$2"
printf ';\n'
