# aws/net.mk: HTTP (libcurl) with retries, and the credential chain.
aws_libaws_a_SOURCES += \
	aws/http.h \
	aws/http-int.h \
	aws/http-body.c \
	aws/http-client.c \
	aws/http-debug.c \
	aws/http-send.c \
	aws/http-time.c \
	aws/retry.c \
	aws/retry-classify.c \
	aws/retry-policy.c \
	aws/creds.h \
	aws/creds-int.h \
	aws/creds-assume-role.c \
	aws/creds-cache.c \
	aws/creds-chain.c \
	aws/creds-common.c \
	aws/creds-config.c \
	aws/creds-container.c \
	aws/creds-env.c \
	aws/creds-imds.c \
	aws/creds-process.c \
	aws/creds-profile.c \
	aws/creds-sso.c \
	aws/creds-sts.c \
	aws/creds-web-identity.c

# Tests: CUnit programs against tests/fake-responder.py (started by each
# test on an ephemeral loopback port), and integration scripts.
HS_NET_TEST_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws \
	-DHS_SRCDIR='"$(abs_top_srcdir)"'
HS_NET_TEST_SOURCES = tests/unit/responder.c tests/unit/responder.h
HS_CREDS_TEST_SOURCES = $(HS_NET_TEST_SOURCES) tests/unit/creds-fixture.c \
	tests/unit/creds-fixture.h
EXTRA_DIST += tests/fake-responder.py

check_PROGRAMS += tests/unit/test-http
TESTS += tests/unit/test-http
tests_unit_test_http_SOURCES = tests/unit/test-http.c $(HS_NET_TEST_SOURCES)
tests_unit_test_http_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_http_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_http_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-retry
TESTS += tests/unit/test-retry
tests_unit_test_retry_SOURCES = tests/unit/test-retry.c
tests_unit_test_retry_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_retry_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_retry_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-creds
TESTS += tests/unit/test-creds
tests_unit_test_creds_SOURCES = tests/unit/test-creds.c $(HS_CREDS_TEST_SOURCES)
tests_unit_test_creds_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_creds_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_creds_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-creds-profile
TESTS += tests/unit/test-creds-profile
tests_unit_test_creds_profile_SOURCES = tests/unit/test-creds-profile.c \
	$(HS_CREDS_TEST_SOURCES)
tests_unit_test_creds_profile_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_creds_profile_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_creds_profile_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-creds-role
TESTS += tests/unit/test-creds-role
tests_unit_test_creds_role_SOURCES = tests/unit/test-creds-role.c \
	$(HS_CREDS_TEST_SOURCES)
tests_unit_test_creds_role_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_creds_role_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_creds_role_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-creds-sso
TESTS += tests/unit/test-creds-sso
tests_unit_test_creds_sso_SOURCES = tests/unit/test-creds-sso.c \
	$(HS_CREDS_TEST_SOURCES)
tests_unit_test_creds_sso_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_creds_sso_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_creds_sso_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

# The integration scripts drive aws/http and the chain through net-tool.
check_PROGRAMS += tests/net-tool
tests_net_tool_SOURCES = tests/net-tool.c
tests_net_tool_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws
tests_net_tool_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_net_tool_LDADD = $(HS_AWS_LIBS)
TESTS += tests/t0250-http-debug.sh tests/t0251-http-stream.sh \
	tests/t0260-creds-chain.sh tests/t0261-creds-assume-role.sh \
	tests/t0262-creds-imds-container.sh
EXTRA_DIST += tests/lib-fake-responder.sh tests/lib-cli-oracle.sh \
	tests/t0250-http-debug.sh tests/t0251-http-stream.sh \
	tests/t0260-creds-chain.sh tests/t0261-creds-assume-role.sh \
	tests/t0262-creds-imds-container.sh
