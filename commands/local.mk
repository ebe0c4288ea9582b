# commands/: the command table and dispatcher, dot commands, `!CMD`, the
# global options, settings and shell variables. Also built with
# -DHS_UNIT_TESTS (HS_STATIC visible) for the unit tests.
noinst_LIBRARIES += commands/libcommands.a
check_LIBRARIES += commands/libcommands-test.a
commands_libcommands_a_SOURCES = \
	commands/cmd-host.c \
	commands/commands-int.h \
	commands/commands.h \
	commands/dispatch-args.c \
	commands/dispatch-run.c \
	commands/dispatch.c \
	commands/dot-cd.c \
	commands/dot-edit.c \
	commands/dot-exit.c \
	commands/dot-help.c \
	commands/dot-history.c \
	commands/dot-profile.c \
	commands/dot-region.c \
	commands/dot-set.c \
	commands/dot-source.c \
	commands/dot-unset.c \
	commands/dot-vars.c \
	commands/dot-words.c \
	commands/error.c \
	commands/file-write.c \
	commands/hs-exit.h \
	commands/interrupt.c \
	commands/options.c \
	commands/redact.c \
	commands/session.c \
	commands/settings.c \
	commands/strlist.c \
	commands/vars.c
commands_libcommands_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
commands_libcommands_test_a_SOURCES = $(commands_libcommands_a_SOURCES)
commands_libcommands_test_a_CFLAGS = $(commands_libcommands_a_CFLAGS)
commands_libcommands_test_a_CPPFLAGS = $(AM_CPPFLAGS) -DHS_UNIT_TESTS

# What a program that links libcommands.a needs after it.
HS_COMMANDS_LIBS = commands/libcommands.a lib/libhscommon.a $(CJSON_LIBS) \
	$(CRYPTO_LIBS)
HS_COMMANDS_TEST_LIBS = commands/libcommands-test.a lib/libhscommon.a \
	$(CJSON_LIBS) $(CRYPTO_LIBS)
HS_COMMANDS_CPPFLAGS = -I$(top_srcdir)/commands

check_PROGRAMS += tests/unit/test-dispatch tests/unit/test-dot
TESTS += tests/unit/test-dispatch tests/unit/test-dot
tests_unit_test_dispatch_SOURCES = tests/unit/test-dispatch.c
tests_unit_test_dispatch_CPPFLAGS = $(HS_UNIT_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS)
tests_unit_test_dispatch_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_dispatch_LDADD = $(HS_COMMANDS_TEST_LIBS) $(HS_UNIT_LDADD)
tests_unit_test_dot_SOURCES = tests/unit/test-dot.c
tests_unit_test_dot_CPPFLAGS = $(HS_UNIT_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS)
tests_unit_test_dot_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_dot_LDADD = $(HS_COMMANDS_TEST_LIBS) $(HS_UNIT_LDADD)

# The generic model operation (SERVICE OPERATION --params): its own
# library and tests.
include commands/operation.mk
