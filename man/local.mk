# man/: the manual page; tests/unit/test-dot.c checks that it documents
# every option, command and exit status.
man_MANS += man/hipaa-shell.1 man/hipaa-sandbox.1
EXTRA_DIST += man/hipaa-shell.1 man/hipaa-sandbox.1
