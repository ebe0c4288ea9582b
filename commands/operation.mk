# commands/operation.mk: the generic model operation ("SERVICE OPERATION
# --params" for every installed botocore model): CLI arguments to input,
# pagination, output, help, --dry-run. Its own library, so the shell's own
# tests do not link aws/: a program links it before libcommands.a, and
# aws/libaws.a after (HS_OP_LIBS). Also built with -DHS_UNIT_TESTS.
noinst_LIBRARIES += commands/libop.a
check_LIBRARIES += commands/libop-test.a
commands_libop_a_SOURCES = \
	commands/dryrun.c \
	commands/help-html.c \
	commands/help-pager.c \
	commands/help.c \
	commands/operation-call.c \
	commands/operation-env.c \
	commands/operation-run.c \
	commands/operation.c \
	commands/operation.h \
	commands/output-json.c \
	commands/output.c \
	commands/paginate-expr.c \
	commands/paginate-token.c \
	commands/paginate.c \
	commands/paramfile.c \
	commands/params-botocore.c \
	commands/params-custom.c \
	commands/params-input.c \
	commands/params-parse.c \
	commands/params-skeleton.c \
	commands/params-table.c \
	commands/params-unpack.c \
	commands/params-validate.c \
	commands/shorthand-fit.c \
	commands/shorthand.c
commands_libop_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir) \
	$(HS_COMMANDS_CPPFLAGS)
commands_libop_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS) $(CRYPTO_CFLAGS)
commands_libop_test_a_SOURCES = $(commands_libop_a_SOURCES)
commands_libop_test_a_CPPFLAGS = $(commands_libop_a_CPPFLAGS) -DHS_UNIT_TESTS
commands_libop_test_a_CFLAGS = $(commands_libop_a_CFLAGS)

# What a program links for the model operation: libop.a, then after it
# libcommands.a (HS_COMMANDS_LIBS) and aws/ (HS_OP_AFTER_LIBS).
HS_OP_LIBS = commands/libop.a
HS_OP_AFTER_LIBS = $(HS_AWS_LIBS)
HS_OP_TEST_LIBS = commands/libop-test.a $(HS_COMMANDS_TEST_LIBS) \
	$(HS_AWS_TEST_LIBS)
HS_OP_UNIT_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir) \
	-I$(top_srcdir)/commands
HS_OP_UNIT_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(CJSON_CFLAGS)

# CUnit tests of every conversion and validation rule.
hs_op_unit_tests = \
	tests/unit/test-help \
	tests/unit/test-output \
	tests/unit/test-paginate \
	tests/unit/test-params \
	tests/unit/test-shorthand
check_PROGRAMS += $(hs_op_unit_tests)
TESTS += $(hs_op_unit_tests)
tests_unit_test_shorthand_SOURCES = tests/unit/test-shorthand.c \
	tests/unit/test-op-util.c tests/unit/test-op-util.h
tests_unit_test_shorthand_CPPFLAGS = $(HS_OP_UNIT_CPPFLAGS)
tests_unit_test_shorthand_CFLAGS = $(HS_OP_UNIT_CFLAGS)
tests_unit_test_shorthand_LDADD = $(HS_UNIT_LDADD) $(HS_OP_TEST_LIBS)
tests_unit_test_params_SOURCES = tests/unit/test-params.c \
	tests/unit/test-op-util.c tests/unit/test-op-util.h
tests_unit_test_params_CPPFLAGS = $(HS_OP_UNIT_CPPFLAGS)
tests_unit_test_params_CFLAGS = $(HS_OP_UNIT_CFLAGS)
tests_unit_test_params_LDADD = $(HS_UNIT_LDADD) $(HS_OP_TEST_LIBS)
tests_unit_test_output_SOURCES = tests/unit/test-output.c \
	tests/unit/test-op-util.c tests/unit/test-op-util.h
tests_unit_test_output_CPPFLAGS = $(HS_OP_UNIT_CPPFLAGS)
tests_unit_test_output_CFLAGS = $(HS_OP_UNIT_CFLAGS)
tests_unit_test_output_LDADD = $(HS_UNIT_LDADD) $(HS_OP_TEST_LIBS)
tests_unit_test_paginate_SOURCES = tests/unit/test-paginate.c \
	tests/unit/test-op-util.c tests/unit/test-op-util.h
tests_unit_test_paginate_CPPFLAGS = $(HS_OP_UNIT_CPPFLAGS)
tests_unit_test_paginate_CFLAGS = $(HS_OP_UNIT_CFLAGS)
tests_unit_test_paginate_LDADD = $(HS_UNIT_LDADD) $(HS_OP_TEST_LIBS)
tests_unit_test_help_SOURCES = tests/unit/test-help.c \
	tests/unit/test-op-util.c tests/unit/test-op-util.h
tests_unit_test_help_CPPFLAGS = $(HS_OP_UNIT_CPPFLAGS)
tests_unit_test_help_CFLAGS = $(HS_OP_UNIT_CFLAGS)
tests_unit_test_help_LDADD = $(HS_UNIT_LDADD) $(HS_OP_TEST_LIBS)

# Integration scripts (0400-0499): hipaa-shell against moto_server, with
# the AWS CLI (v1, v2) as the peer whose output it must match.
hs_op_test_scripts = \
	tests/t0400-op-iam.sh \
	tests/t0410-op-ecr-logs.sh \
	tests/t0420-op-lambda.sh \
	tests/t0430-op-s3api.sh \
	tests/t0440-op-cli-syntax.sh \
	tests/t0450-op-dry-run.sh \
	tests/t0460-op-help.sh \
	tests/t0470-op-exit-codes.sh \
	tests/t0480-op-v2-format.sh \
	tests/t0490-op-sandbox.sh
TESTS += $(hs_op_test_scripts)
EXTRA_DIST += $(hs_op_test_scripts) tests/lib-moto.sh tests/lib-peer.sh \
	tests/op-compare.py
