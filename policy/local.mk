# policy/: the IAM policy language — parse, evaluate (with conditions),
# match (wildcards, ARNs), lint. Depends on cJSON and lib/ only; never
# prints. The library is also built with -DHS_UNIT_TESTS (HS_STATIC
# visible, table-order checks) for the tests.
noinst_LIBRARIES += policy/libpolicy.a
check_LIBRARIES += policy/libpolicy-test.a
policy_libpolicy_a_SOURCES = \
	policy/policy.h \
	policy/policy-int.h \
	policy/policy-actions.c \
	policy/policy-cond.c \
	policy/policy-ctx.c \
	policy/policy-eval.c \
	policy/policy-findings.c \
	policy/policy-json.c \
	policy/policy-lint.c \
	policy/policy-lint-names.c \
	policy/policy-lint-s3.c \
	policy/policy-match.c \
	policy/policy-parse.c \
	policy/policy-parse-cond.c \
	policy/policy-parse-stmt.c \
	policy/policy-principal.c \
	policy/policy-sim.c \
	policy/policy-value.c \
	policy/policy-vars.c
policy_libpolicy_a_CFLAGS = $(AM_CFLAGS) $(CJSON_CFLAGS)
policy_libpolicy_test_a_SOURCES = $(policy_libpolicy_a_SOURCES)
policy_libpolicy_test_a_CFLAGS = $(policy_libpolicy_a_CFLAGS)
policy_libpolicy_test_a_CPPFLAGS = $(AM_CPPFLAGS) -DHS_UNIT_TESTS

# What a program that links libpolicy.a needs after it.
HS_POLICY_LIBS = policy/libpolicy.a lib/libhscommon.a $(CJSON_LIBS) \
	$(CRYPTO_LIBS)
HS_POLICY_TEST_LIBS = policy/libpolicy-test.a lib/libhscommon.a \
	$(CJSON_LIBS) $(CRYPTO_LIBS)
HS_POLICY_TEST_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(CJSON_CFLAGS)
HS_POLICY_TEST_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/policy

# One CUnit program per concern; test-policy-util.c loads fixtures.
HS_POLICY_TESTS = \
	tests/unit/test-policy-parse \
	tests/unit/test-policy-match \
	tests/unit/test-policy-cond \
	tests/unit/test-policy-eval \
	tests/unit/test-policy-lint \
	tests/unit/test-policy-sim
check_PROGRAMS += $(HS_POLICY_TESTS)
TESTS += $(HS_POLICY_TESTS)
HS_POLICY_TEST_UTIL = tests/unit/test-policy-util.c \
	tests/unit/test-policy-util.h

tests_unit_test_policy_parse_SOURCES = tests/unit/test-policy-parse.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_parse_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_parse_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_parse_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS)

tests_unit_test_policy_match_SOURCES = tests/unit/test-policy-match.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_match_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_match_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_match_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS)

tests_unit_test_policy_cond_SOURCES = tests/unit/test-policy-cond.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_cond_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_cond_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_cond_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS)

tests_unit_test_policy_eval_SOURCES = tests/unit/test-policy-eval.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_eval_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_eval_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_eval_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS) -lpthread

tests_unit_test_policy_lint_SOURCES = tests/unit/test-policy-lint.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_lint_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_lint_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_lint_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS)

tests_unit_test_policy_sim_SOURCES = tests/unit/test-policy-sim.c \
	$(HS_POLICY_TEST_UTIL)
tests_unit_test_policy_sim_CPPFLAGS = $(HS_POLICY_TEST_CPPFLAGS)
tests_unit_test_policy_sim_CFLAGS = $(HS_POLICY_TEST_CFLAGS)
tests_unit_test_policy_sim_LDADD = $(HS_UNIT_LDADD) $(HS_POLICY_TEST_LIBS)

# The blog's policies and the documentation's examples, read by the tests
# through $top_srcdir.
EXTRA_DIST += \
	tests/data/policy/README.md \
	tests/data/policy/blog-bucket-policy.json \
	tests/data/policy/blog-role-policy.json \
	tests/data/policy/docs-carlos-bucket-policy.json \
	tests/data/policy/docs-carlos-identity-policy.json
