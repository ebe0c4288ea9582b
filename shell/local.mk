# shell/: main, the REPL, the lexer, the runbook runner, output.
bin_PROGRAMS += hipaa-shell
hipaa_shell_SOURCES = shell/main.c
hipaa_shell_LDADD = lib/libhscommon.a $(CRYPTO_LIBS)
