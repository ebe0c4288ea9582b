# commands/: the command table and dispatcher, dot commands, `!CMD`, the
# global options, settings and shell variables. Also built with
# -DHS_UNIT_TESTS (HS_STATIC visible) for the unit tests.
noinst_LIBRARIES += commands/libcommands.a
check_LIBRARIES += commands/libcommands-test.a
commands_libcommands_a_SOURCES = \
	commands/cmd-host.c \
	commands/cmd-policy-check.c \
	commands/cmd-policy-doc.c \
	commands/cmd-policy-models.c \
	commands/cmd-policy-simulate.c \
	commands/cmd-policy.c \
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
	commands/host-env.c \
	commands/hs-exit.h \
	commands/interrupt.c \
	commands/options.c \
	commands/output-json.c \
	commands/redact.c \
	commands/session.c \
	commands/settings.c \
	commands/strlist.c \
	commands/terminate.c \
	commands/vars.c
commands_libcommands_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
commands_libcommands_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS) $(ZLIB_CFLAGS) \
	$(CRYPTO_CFLAGS)
commands_libcommands_test_a_SOURCES = $(commands_libcommands_a_SOURCES)
commands_libcommands_test_a_CFLAGS = $(commands_libcommands_a_CFLAGS)
commands_libcommands_test_a_CPPFLAGS = $(commands_libcommands_a_CPPFLAGS) \
	-DHS_UNIT_TESTS

# What a program that links libcommands.a needs after it: the `policy`
# commands use policy/, and aws/ for the service models.
HS_COMMANDS_LIBS = commands/libcommands.a policy/libpolicy.a $(HS_AWS_LIBS)
HS_COMMANDS_TEST_LIBS = commands/libcommands-test.a policy/libpolicy.a \
	$(HS_AWS_LIBS)
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

# The `policy` commands: their helpers (CUnit) and the commands as run
# (integration, numbers 0140-0149).
check_PROGRAMS += tests/unit/test-policy-cmd
TESTS += tests/unit/test-policy-cmd tests/t0140-policy-cmd.sh
EXTRA_DIST += tests/t0140-policy-cmd.sh
tests_unit_test_policy_cmd_SOURCES = tests/unit/test-policy-cmd.c
tests_unit_test_policy_cmd_CPPFLAGS = $(HS_UNIT_CPPFLAGS) \
	$(HS_COMMANDS_CPPFLAGS) -I$(top_srcdir)
tests_unit_test_policy_cmd_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) \
	$(CJSON_CFLAGS) $(ZLIB_CFLAGS)
tests_unit_test_policy_cmd_LDADD = $(HS_COMMANDS_TEST_LIBS) $(HS_UNIT_LDADD)

# Where the profile and region come from, a --sandbox session's settings,
# host commands' environment, SIGTERM.
check_PROGRAMS += tests/unit/test-resolve
TESTS += tests/unit/test-resolve
tests_unit_test_resolve_SOURCES = tests/unit/test-resolve.c
tests_unit_test_resolve_CPPFLAGS = $(HS_UNIT_CPPFLAGS) $(HS_COMMANDS_CPPFLAGS)
tests_unit_test_resolve_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_resolve_LDADD = $(HS_COMMANDS_TEST_LIBS) $(HS_UNIT_LDADD)

# The generic model operation (SERVICE OPERATION --params): its own
# library and tests.
include commands/operation.mk
