# tests/: the test harness shared by every folder. Each folder's local.mk
# adds its own CUnit programs (tests/unit/test-*.c) and integration
# scripts (tests/tNNNN-*.sh) to check_PROGRAMS and TESTS.
check_LIBRARIES += tests/unit/libhsunit.a
tests_unit_libhsunit_a_SOURCES = tests/unit/harness.c tests/unit/harness.h
tests_unit_libhsunit_a_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)

# What every CUnit program links: the harness, then CUnit.
HS_UNIT_LDADD = tests/unit/libhsunit.a $(CUNIT_LIBS)
HS_UNIT_CPPFLAGS = $(AM_CPPFLAGS) -I$(top_srcdir)/tests/unit -DHS_UNIT_TESTS

TEST_EXTENSIONS = .sh
LOG_DRIVER = $(SHELL) $(top_srcdir)/tests/driver
SH_LOG_DRIVER = $(SHELL) $(top_srcdir)/tests/driver
SH_LOG_COMPILER = $(SHELL)
if ENABLE_VALGRIND
LOG_COMPILER = $(VALGRIND) --quiet --error-exitcode=97 --leak-check=full \
	--errors-for-leak-kinds=definite,indirect --track-origins=yes
endif

# ../shared/testdata: read in place, never copied into the repository.
HS_TESTDATA_DEFAULT = $(abs_top_srcdir)/../shared/testdata

AM_TESTS_ENVIRONMENT = \
	top_srcdir='$(abs_top_srcdir)'; export top_srcdir; \
	top_builddir='$(abs_top_builddir)'; export top_builddir; \
	HS_SHELL='$(abs_top_builddir)/hipaa-shell'; export HS_SHELL; \
	HS_SANDBOX='$(abs_top_builddir)/hipaa-sandbox'; export HS_SANDBOX; \
	HS_MODEL_DIR='$(abs_top_builddir)/models'; export HS_MODEL_DIR; \
	BOTOCORE_DATA='$(BOTOCORE_DATA)'; export BOTOCORE_DATA; \
	if test -z "$${HS_TESTDATA-}"; then \
	  for d in '$(HS_TESTDATA_DEFAULT)' /work/shared/testdata; do \
	    test -d "$$d" && { HS_TESTDATA=$$d; break; }; \
	  done; \
	fi; export HS_TESTDATA; \
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:$${ASAN_OPTIONS-}; export ASAN_OPTIONS; \
	UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1:$${UBSAN_OPTIONS-}; export UBSAN_OPTIONS;

EXTRA_DIST += tests/driver tests/summary tests/lib.sh

# The test harness's own tests: hs_buf and the string helpers.
check_PROGRAMS += tests/unit/test-common
TESTS += tests/unit/test-common
tests_unit_test_common_SOURCES = tests/unit/test-common.c
tests_unit_test_common_CPPFLAGS = $(HS_UNIT_CPPFLAGS)
tests_unit_test_common_CFLAGS = $(AM_CFLAGS) $(CUNIT_CFLAGS)
tests_unit_test_common_LDADD = lib/libhscommon.a $(HS_UNIT_LDADD) $(CRYPTO_LIBS)

# The driver must count results, skips and crashes correctly.
TESTS += tests/t0000-driver.sh
EXTRA_DIST += tests/t0000-driver.sh
