# aws/sign.mk: SigV4, the config files, endpoint resolution.
# Included by aws/local.mk; sources go into libaws.a (and libaws-test.a).
aws_libaws_a_SOURCES += \
	aws/sigv4.h \
	aws/sigv4-int.h \
	aws/sigv4-canon.c \
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

# Integration scripts (t0200-t0249).
TESTS += tests/t0200-sigv4-vectors.sh
EXTRA_DIST += tests/t0200-sigv4-vectors.sh
