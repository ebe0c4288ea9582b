# shell/: main, the REPL, the lexer, the runbook runner, history, the
# prompt and the reporter. Everything but main.c is a library (also built
# with -DHS_UNIT_TESTS) so the unit tests link the same code.
noinst_LIBRARIES += shell/libshell.a
check_LIBRARIES += shell/libshell-test.a
shell_libshell_a_SOURCES = \
	shell/batch.c \
	shell/history.c \
	shell/lexer-expand.c \
	shell/lexer-int.h \
	shell/lexer-scan.c \
	shell/lexer.c \
	shell/prompt.c \
	shell/repl.c \
	shell/report.c \
	shell/shell.h
shell_libshell_a_CPPFLAGS = $(AM_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS)
shell_libshell_a_CFLAGS = $(AM_CFLAGS) $(READLINE_CFLAGS)
shell_libshell_test_a_SOURCES = $(shell_libshell_a_SOURCES)
shell_libshell_test_a_CPPFLAGS = $(shell_libshell_a_CPPFLAGS) -DHS_UNIT_TESTS
shell_libshell_test_a_CFLAGS = $(shell_libshell_a_CFLAGS)

bin_PROGRAMS += hipaa-shell
hipaa_shell_SOURCES = shell/main.c
hipaa_shell_CPPFLAGS = $(AM_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS) -I$(top_srcdir)
hipaa_shell_LDADD = shell/libshell.a $(HS_OP_LIBS) $(HS_COMMANDS_LIBS) \
	$(HS_OP_AFTER_LIBS) $(READLINE_LIBS)

# What a unit test of shell/ links.
HS_SHELL_TEST_LIBS = shell/libshell-test.a $(HS_COMMANDS_TEST_LIBS) \
	$(READLINE_LIBS)
HS_SHELL_TEST_CPPFLAGS = $(HS_UNIT_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS) \
	-I$(top_srcdir)/shell

check_PROGRAMS += tests/unit/test-lexer tests/unit/test-batch
TESTS += tests/unit/test-lexer tests/unit/test-batch
tests_unit_test_lexer_SOURCES = tests/unit/test-lexer.c
tests_unit_test_lexer_CPPFLAGS = $(HS_SHELL_TEST_CPPFLAGS)
tests_unit_test_lexer_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(CJSON_CFLAGS)
tests_unit_test_lexer_LDADD = $(HS_SHELL_TEST_LIBS) $(HS_UNIT_LDADD)
tests_unit_test_batch_SOURCES = tests/unit/test-batch.c
tests_unit_test_batch_CPPFLAGS = $(HS_SHELL_TEST_CPPFLAGS)
tests_unit_test_batch_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_batch_LDADD = $(HS_SHELL_TEST_LIBS) $(HS_UNIT_LDADD)

# Integration scripts of the front end (numbers 0100-0199).
hs_shell_test_scripts_list = \
	tests/t0100-cmdline.sh \
	tests/t0110-batch.sh \
	tests/t0120-repl.sh \
	tests/t0130-history.sh
TESTS += $(hs_shell_test_scripts_list)
EXTRA_DIST += $(hs_shell_test_scripts_list)
