# sandbox/: hipaa-sandbox, a local AWS-compatible endpoint that enforces
# bucket policies. The server is a library (libsandbox.a, API in
# sandbox/sandbox.h) used by the hipaa-sandbox program and by
# `hipaa-shell --sandbox`; it is also built with -DHS_UNIT_TESTS.
noinst_LIBRARIES += sandbox/libsandbox.a
check_LIBRARIES += sandbox/libsandbox-test.a
sandbox_libsandbox_a_SOURCES = \
	sandbox/auth.c \
	sandbox/blob-gc.c \
	sandbox/blob.c \
	sandbox/body.c \
	sandbox/call.c \
	sandbox/creds.c \
	sandbox/error.c \
	sandbox/fsutil.c \
	sandbox/log.c \
	sandbox/model.c \
	sandbox/router.c \
	sandbox/s3-authz.c \
	sandbox/s3-body.c \
	sandbox/s3-route.c \
	sandbox/s3-util.c \
	sandbox/s3.h \
	sandbox/sandbox.h \
	sandbox/sbx.h \
	sandbox/server.c \
	sandbox/store-s3-mpu.c \
	sandbox/store-s3.c \
	sandbox/store-sts.c \
	sandbox/store.c \
	sandbox/store.h \
	sandbox/svc-s3-bucket.c \
	sandbox/svc-s3-config.c \
	sandbox/svc-s3-delete.c \
	sandbox/svc-s3-get.c \
	sandbox/svc-s3-list.c \
	sandbox/svc-s3-mpu.c \
	sandbox/svc-s3-object.c \
	sandbox/svc-s3-policy.c \
	sandbox/svc-s3-tagging.c \
	sandbox/svc-s3.c \
	sandbox/svc-sts.c \
	sandbox/svc.h \
	sandbox/tls.c \
	sandbox/xml.c
HS_SANDBOX_CFLAGS = $(AM_CFLAGS) $(MHD_CFLAGS) $(SQLITE_CFLAGS) \
	$(CRYPTO_CFLAGS) $(CJSON_CFLAGS) $(XML_CFLAGS) $(ZLIB_CFLAGS)
sandbox_libsandbox_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
sandbox_libsandbox_a_CFLAGS = $(HS_SANDBOX_CFLAGS)
sandbox_libsandbox_test_a_SOURCES = $(sandbox_libsandbox_a_SOURCES)
sandbox_libsandbox_test_a_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir) \
	-DHS_UNIT_TESTS
sandbox_libsandbox_test_a_CFLAGS = $(HS_SANDBOX_CFLAGS)

# What a program that embeds the sandbox links, after its own objects.
HS_SANDBOX_LIBS = sandbox/libsandbox.a policy/libpolicy.a $(HS_AWS_LIBS) \
	$(MHD_LIBS) $(SQLITE_LIBS)
HS_SANDBOX_TEST_LIBS = sandbox/libsandbox-test.a policy/libpolicy.a \
	$(HS_AWS_LIBS) $(MHD_LIBS) $(SQLITE_LIBS)

bin_PROGRAMS += hipaa-sandbox
hipaa_sandbox_SOURCES = sandbox/main.c
hipaa_sandbox_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)
hipaa_sandbox_LDADD = $(HS_SANDBOX_LIBS)


# Integration scripts (t0500-t0599): the sandbox driven by the AWS CLI.
EXTRA_DIST += tests/lib-sandbox.sh tests/sandbox-request.py
HS_SANDBOX_TESTS = \
	tests/t0500-sandbox-server.sh \
	tests/t0510-sandbox-auth.sh \
	tests/t0520-sandbox-s3-blog.sh \
	tests/t0530-sandbox-s3-objects.sh \
	tests/t0540-sandbox-s3-multipart.sh \
	tests/t0550-sandbox-s3-list.sh \
	tests/t0560-sandbox-s3-config.sh \
	tests/t0570-sandbox-durability.sh \
	tests/t0580-sandbox-sts.sh \
	tests/t0590-sandbox-s3-chunked.sh
TESTS += $(HS_SANDBOX_TESTS)
EXTRA_DIST += $(HS_SANDBOX_TESTS)

# CUnit tests of the store, the blobs and the sandbox's pieces.
HS_SANDBOX_UNIT_CPPFLAGS = $(HS_UNIT_CPPFLAGS) -I$(top_srcdir)
HS_SANDBOX_UNIT_CFLAGS = $(HS_SANDBOX_CFLAGS) $(CUNIT_CFLAGS)
HS_SANDBOX_UNIT_LDADD = $(HS_UNIT_LDADD) $(HS_SANDBOX_TEST_LIBS)

check_PROGRAMS += tests/unit/test-store tests/unit/test-sandbox
TESTS += tests/unit/test-store tests/unit/test-sandbox
tests_unit_test_store_SOURCES = tests/unit/test-store.c
tests_unit_test_store_CPPFLAGS = $(HS_SANDBOX_UNIT_CPPFLAGS)
tests_unit_test_store_CFLAGS = $(HS_SANDBOX_UNIT_CFLAGS)
tests_unit_test_store_LDADD = $(HS_SANDBOX_UNIT_LDADD)
tests_unit_test_sandbox_SOURCES = tests/unit/test-sandbox.c
tests_unit_test_sandbox_CPPFLAGS = $(HS_SANDBOX_UNIT_CPPFLAGS)
tests_unit_test_sandbox_CFLAGS = $(HS_SANDBOX_UNIT_CFLAGS)
tests_unit_test_sandbox_LDADD = $(HS_SANDBOX_UNIT_LDADD)
