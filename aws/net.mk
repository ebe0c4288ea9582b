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
	aws/creds-chain.c \
	aws/creds-common.c \
	aws/creds-config.c \
	aws/creds-container.c \
	aws/creds-env.c \
	aws/creds-imds.c

# Tests: CUnit programs against tests/fake-responder.py (started by each
# test on an ephemeral loopback port), and integration scripts.
HS_NET_TEST_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws \
	-DHS_SRCDIR='"$(abs_top_srcdir)"'
HS_NET_TEST_SOURCES = tests/unit/responder.c tests/unit/responder.h
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
tests_unit_test_creds_SOURCES = tests/unit/test-creds.c $(HS_NET_TEST_SOURCES)
tests_unit_test_creds_CPPFLAGS = $(HS_NET_TEST_CPPFLAGS)
tests_unit_test_creds_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_creds_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)
