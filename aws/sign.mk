# aws/sign.mk: SigV4, the config files, endpoint resolution.
# Included by aws/local.mk; sources go into libaws.a (and libaws-test.a).
aws_libaws_a_SOURCES += \
	aws/sigv4.h \
	aws/sigv4-int.h \
	aws/sigv4-canon.c \
	aws/sigv4-chunked.c \
	aws/sigv4-crypto.c \
	aws/sigv4-errors.c \
	aws/sigv4-redact.c \
	aws/sigv4-sign.c \
	aws/sigv4-verify.c

# tests/sigv4-vector CASE_DIR OUT_DIR (DESIGN.md), and the case reader it
# shares with the CUnit vector tests.
check_LIBRARIES += tests/libsigv4case.a
tests_libsigv4case_a_SOURCES = tests/sigv4-case.c tests/sigv4-case.h
tests_libsigv4case_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws
tests_libsigv4case_a_CFLAGS = $(HS_AWS_TEST_CFLAGS)

check_PROGRAMS += tests/sigv4-vector
tests_sigv4_vector_SOURCES = tests/sigv4-vector.c
tests_sigv4_vector_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws \
	-I$(top_srcdir)/tests
tests_sigv4_vector_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_sigv4_vector_LDADD = tests/libsigv4case.a $(HS_AWS_LIBS)

# SigV4 unit tests: helpers, signer, verifier, and the official vectors.
SIGN_UNIT_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws \
	-I$(top_srcdir)/tests
SIGN_UNIT_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)

check_PROGRAMS += tests/unit/test-sigv4-vectors
TESTS += tests/unit/test-sigv4-vectors
tests_unit_test_sigv4_vectors_SOURCES = tests/unit/test-sigv4-vectors.c
tests_unit_test_sigv4_vectors_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS)
tests_unit_test_sigv4_vectors_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_sigv4_vectors_LDADD = tests/libsigv4case.a $(SIGN_UNIT_LDADD)

check_PROGRAMS += tests/unit/test-sigv4
TESTS += tests/unit/test-sigv4
tests_unit_test_sigv4_SOURCES = tests/unit/test-sigv4.c
tests_unit_test_sigv4_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS)
tests_unit_test_sigv4_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_sigv4_LDADD = $(SIGN_UNIT_LDADD)

check_PROGRAMS += tests/unit/test-sigv4-verify
TESTS += tests/unit/test-sigv4-verify
tests_unit_test_sigv4_verify_SOURCES = tests/unit/test-sigv4-verify.c
tests_unit_test_sigv4_verify_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS)
tests_unit_test_sigv4_verify_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_sigv4_verify_LDADD = tests/libsigv4case.a $(SIGN_UNIT_LDADD)

check_PROGRAMS += tests/unit/test-sigv4-chunked
TESTS += tests/unit/test-sigv4-chunked
tests_unit_test_sigv4_chunked_SOURCES = tests/unit/test-sigv4-chunked.c
tests_unit_test_sigv4_chunked_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS)
tests_unit_test_sigv4_chunked_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_sigv4_chunked_LDADD = $(SIGN_UNIT_LDADD)

# Integration scripts (t0200-t0249).
TESTS += tests/t0200-sigv4-vectors.sh
EXTRA_DIST += tests/t0200-sigv4-vectors.sh

# Config files and the resolution of settings.
aws_libaws_a_SOURCES += \
	aws/config.h \
	aws/config-int.h \
	aws/config-env.c \
	aws/config-file.c \
	aws/config-parse.c \
	aws/config-resolve.c \
	aws/config-settings.c

check_PROGRAMS += tests/unit/test-config
TESTS += tests/unit/test-config
tests_unit_test_config_SOURCES = tests/unit/test-config.c tests/config-json.c \
	tests/config-json.h
tests_unit_test_config_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS) -I$(top_srcdir)
tests_unit_test_config_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_config_LDADD = $(SIGN_UNIT_LDADD)

check_PROGRAMS += tests/unit/test-config-resolve
TESTS += tests/unit/test-config-resolve
tests_unit_test_config_resolve_SOURCES = tests/unit/test-config-resolve.c
tests_unit_test_config_resolve_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS) -I$(top_srcdir)
tests_unit_test_config_resolve_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_config_resolve_LDADD = $(SIGN_UNIT_LDADD)

# Endpoint resolution.
aws_libaws_a_SOURCES += \
	aws/endpoint.h \
	aws/endpoint-int.h \
	aws/endpoint-apply.c \
	aws/endpoint-config.c \
	aws/endpoint-data.c \
	aws/endpoint-legacy.c \
	aws/endpoint-resolve.c

check_PROGRAMS += tests/endpoint-dump
tests_endpoint_dump_SOURCES = tests/endpoint-dump.c
tests_endpoint_dump_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws
tests_endpoint_dump_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_endpoint_dump_LDADD = $(HS_AWS_TEST_LIBS)
TESTS += tests/t0210-endpoints-botocore.sh
EXTRA_DIST += tests/t0210-endpoints-botocore.sh

check_PROGRAMS += tests/unit/test-endpoint
TESTS += tests/unit/test-endpoint
tests_unit_test_endpoint_SOURCES = tests/unit/test-endpoint.c
tests_unit_test_endpoint_CPPFLAGS = $(SIGN_UNIT_CPPFLAGS) -I$(top_srcdir)
tests_unit_test_endpoint_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_endpoint_LDADD = $(SIGN_UNIT_LDADD)

# tests/config-dump: the parser's view of config files, for t0220.
check_PROGRAMS += tests/config-dump
tests_config_dump_SOURCES = tests/config-dump.c tests/config-json.c \
	tests/config-json.h
tests_config_dump_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/aws \
	-I$(top_srcdir) -I$(top_srcdir)/tests
tests_config_dump_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_config_dump_LDADD = $(HS_AWS_TEST_LIBS)
TESTS += tests/t0220-config-botocore.sh
EXTRA_DIST += tests/t0220-config-botocore.sh
TESTS += tests/t0230-sigv4-botocore.sh
EXTRA_DIST += tests/t0230-sigv4-botocore.sh
