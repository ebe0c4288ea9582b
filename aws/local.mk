# aws/: the AWS client core. Knows nothing of the shell: functions return
# errors, never print. Each part lists its sources in its own .mk; the
# library is also built with -DHS_UNIT_TESTS (HS_STATIC visible) for tests.
noinst_LIBRARIES += aws/libaws.a
check_LIBRARIES += aws/libaws-test.a
aws_libaws_a_SOURCES = \
	aws/credentials.c \
	aws/credentials.h \
	aws/request.c \
	aws/request.h
aws_libaws_a_CFLAGS = $(AM_CFLAGS) $(CURL_CFLAGS) $(CRYPTO_CFLAGS) \
	$(CJSON_CFLAGS) $(XML_CFLAGS) $(ZLIB_CFLAGS)
# What a program that links libaws.a needs after it.
HS_AWS_LIBS = aws/libaws.a lib/libhscommon.a $(CURL_LIBS) $(XML_LIBS) \
	$(CJSON_LIBS) $(ZLIB_LIBS) $(SSL_LIBS) $(CRYPTO_LIBS)
HS_AWS_TEST_LIBS = aws/libaws-test.a lib/libhscommon.a $(CURL_LIBS) \
	$(XML_LIBS) $(CJSON_LIBS) $(ZLIB_LIBS) $(SSL_LIBS) $(CRYPTO_LIBS)
HS_AWS_TEST_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS) $(CURL_CFLAGS) \
	$(CRYPTO_CFLAGS) $(CJSON_CFLAGS) $(XML_CFLAGS) $(ZLIB_CFLAGS)

include aws/sign.mk
include aws/net.mk
include aws/protocol.mk

aws_libaws_test_a_SOURCES = $(aws_libaws_a_SOURCES)
aws_libaws_test_a_CFLAGS = $(aws_libaws_a_CFLAGS)
aws_libaws_test_a_CPPFLAGS = $(AM_CPPFLAGS) -DHS_UNIT_TESTS

check_PROGRAMS += tests/unit/test-request
TESTS += tests/unit/test-request
tests_unit_test_request_SOURCES = tests/unit/test-request.c
tests_unit_test_request_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)/aws
tests_unit_test_request_CFLAGS = $(HS_AWS_TEST_CFLAGS)
tests_unit_test_request_LDADD = $(HS_UNIT_LDADD) $(HS_AWS_TEST_LIBS)
