# sandbox/: hipaa-sandbox, a local AWS-compatible endpoint that enforces
# bucket policies. The server is a library (libsandbox.a, API in
# sandbox/sandbox.h) used by the hipaa-sandbox program and by
# `hipaa-shell --sandbox`; it is also built with -DHS_UNIT_TESTS.
noinst_LIBRARIES += sandbox/libsandbox.a
check_LIBRARIES += sandbox/libsandbox-test.a
sandbox_libsandbox_a_SOURCES = \
	sandbox/api-authz.c \
	sandbox/api-input.c \
	sandbox/api.h \
	sandbox/auth.c \
	sandbox/blob-gc.c \
	sandbox/blob.c \
	sandbox/body.c \
	sandbox/call.c \
	sandbox/creds.c \
	sandbox/ecr-util.c \
	sandbox/ecr.h \
	sandbox/error.c \
	sandbox/fsutil.c \
	sandbox/iam-managed.c \
	sandbox/iam-util.c \
	sandbox/iam.h \
	sandbox/lambda-async.c \
	sandbox/lambda-creds.c \
	sandbox/lambda-invoke.c \
	sandbox/lambda-policy.c \
	sandbox/lambda-run.c \
	sandbox/lambda-runtime.c \
	sandbox/lambda-util.c \
	sandbox/lambda-zip.c \
	sandbox/lambda.h \
	sandbox/log.c \
	sandbox/logs-filter.c \
	sandbox/logs-util.c \
	sandbox/logs.h \
	sandbox/model.c \
	sandbox/pool.c \
	sandbox/router.c \
	sandbox/s3-authz.c \
	sandbox/s3-body.c \
	sandbox/s3-notify-event.c \
	sandbox/s3-notify.h \
	sandbox/s3-route.c \
	sandbox/s3-util.c \
	sandbox/s3.h \
	sandbox/sandbox.h \
	sandbox/sbx.h \
	sandbox/server.c \
	sandbox/store-ecr.c \
	sandbox/store-iam.c \
	sandbox/store-lambda.c \
	sandbox/store-logs.c \
	sandbox/store-run.c \
	sandbox/store-s3-mpu.c \
	sandbox/store-s3-notify.c \
	sandbox/store-s3.c \
	sandbox/store-sts.c \
	sandbox/store.c \
	sandbox/store.h \
	sandbox/svc-ecr-image.c \
	sandbox/svc-ecr-repo.c \
	sandbox/svc-ecr.c \
	sandbox/svc-iam-policy.c \
	sandbox/svc-iam-role.c \
	sandbox/svc-iam.c \
	sandbox/svc-lambda-check.c \
	sandbox/svc-lambda-fn.c \
	sandbox/svc-lambda-invoke.c \
	sandbox/svc-lambda-perm.c \
	sandbox/svc-lambda-version.c \
	sandbox/svc-lambda.c \
	sandbox/svc-logs-filter.c \
	sandbox/svc-logs-group.c \
	sandbox/svc-logs-stream.c \
	sandbox/svc-logs.c \
	sandbox/svc-s3-bucket.c \
	sandbox/svc-s3-config.c \
	sandbox/svc-s3-delete.c \
	sandbox/svc-s3-get.c \
	sandbox/svc-s3-list.c \
	sandbox/svc-s3-mpu.c \
	sandbox/svc-s3-notify.c \
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

# Lambda's runtime shims travel inside the program (embed.sh makes C
# strings of them), so that no install path has to be found at run time.
HS_LAMBDA_SHIMS = sandbox/runtime/node-shim.js sandbox/runtime/python-shim.py
EXTRA_DIST += $(HS_LAMBDA_SHIMS) sandbox/runtime/embed.sh
nodist_sandbox_libsandbox_a_SOURCES = sandbox/lambda-shims.c
nodist_sandbox_libsandbox_test_a_SOURCES = sandbox/lambda-shims.c
BUILT_SOURCES += sandbox/lambda-shims.c
CLEANFILES += sandbox/lambda-shims.c
sandbox/lambda-shims.c: $(HS_LAMBDA_SHIMS:%=$(srcdir)/%) \
    $(srcdir)/sandbox/runtime/embed.sh
	$(AM_V_GEN)$(MKDIR_P) sandbox && { \
	  echo '/* generated from sandbox/runtime/ by embed.sh: do not edit */'; \
	  $(SHELL) $(srcdir)/sandbox/runtime/embed.sh sbx_lambda_node_shim \
	    $(srcdir)/sandbox/runtime/node-shim.js; \
	  $(SHELL) $(srcdir)/sandbox/runtime/embed.sh sbx_lambda_python_shim \
	    $(srcdir)/sandbox/runtime/python-shim.py; } >$@.tmp && mv $@.tmp $@
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
EXTRA_DIST += tests/lib-sandbox.sh tests/sandbox-request.py \
	tests/sandbox-parallel.py bench/sandbox-stress.py
HS_SANDBOX_TESTS = \
	tests/t0500-sandbox-server.sh \
	tests/t0505-sandbox-manual.sh \
	tests/t0510-sandbox-auth.sh \
	tests/t0520-sandbox-s3-blog.sh \
	tests/t0530-sandbox-s3-objects.sh \
	tests/t0540-sandbox-s3-multipart.sh \
	tests/t0550-sandbox-s3-list.sh \
	tests/t0560-sandbox-s3-config.sh \
	tests/t0570-sandbox-durability.sh \
	tests/t0580-sandbox-sts.sh \
	tests/t0590-sandbox-s3-chunked.sh \
	tests/t0595-sandbox-parallel.sh
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

# Issue 7 (t0600-t0699): IAM, Lambda, S3 notifications, ECR and Logs,
# driven by the AWS CLI.
HS_SANDBOX2_TESTS = \
	tests/t0600-sandbox-iam.sh \
	tests/t0610-sandbox-logs.sh \
	tests/t0620-sandbox-lambda.sh \
	tests/t0630-sandbox-lambda-invoke.sh \
	tests/t0640-sandbox-ecr.sh \
	tests/t0650-sandbox-s3-notify.sh \
	tests/t0660-sandbox-lambda-blog.sh
TESTS += $(HS_SANDBOX2_TESTS)
EXTRA_DIST += $(HS_SANDBOX2_TESTS)

# CUnit tests of issue 7's pieces.
check_PROGRAMS += tests/unit/test-sbx-logs
TESTS += tests/unit/test-sbx-logs
tests_unit_test_sbx_logs_SOURCES = tests/unit/test-sbx-logs.c
tests_unit_test_sbx_logs_CPPFLAGS = $(HS_SANDBOX_UNIT_CPPFLAGS)
tests_unit_test_sbx_logs_CFLAGS = $(HS_SANDBOX_UNIT_CFLAGS)
tests_unit_test_sbx_logs_LDADD = $(HS_SANDBOX_UNIT_LDADD)
check_PROGRAMS += tests/unit/test-sbx-lambda
TESTS += tests/unit/test-sbx-lambda
tests_unit_test_sbx_lambda_SOURCES = tests/unit/test-sbx-lambda.c
tests_unit_test_sbx_lambda_CPPFLAGS = $(HS_SANDBOX_UNIT_CPPFLAGS)
tests_unit_test_sbx_lambda_CFLAGS = $(HS_SANDBOX_UNIT_CFLAGS)
tests_unit_test_sbx_lambda_LDADD = $(HS_SANDBOX_UNIT_LDADD)
check_PROGRAMS += tests/unit/test-sbx-notify
TESTS += tests/unit/test-sbx-notify
tests_unit_test_sbx_notify_SOURCES = tests/unit/test-sbx-notify.c
tests_unit_test_sbx_notify_CPPFLAGS = $(HS_SANDBOX_UNIT_CPPFLAGS)
tests_unit_test_sbx_notify_CFLAGS = $(HS_SANDBOX_UNIT_CFLAGS)
tests_unit_test_sbx_notify_LDADD = $(HS_SANDBOX_UNIT_LDADD)
