/*
 * harness.c: run the registered CUnit suites and print TAP.
 */
#include "hs-common.h"
#include "harness.h"

#include <CUnit/CUnit.h>
#include <dirent.h>
#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

static int tap_number;
static int tap_failed;
static char *skip_reason;
static char *tmp_root;
static char *tmp_current;

/* Tell whether a test is selected by the command-line prefixes. */
static bool
selected(int argc, char **argv, const char *full)
{
	int i;

	if (argc < 2)
		return true;
	for (i = 1; i < argc; i++)
		if (hs_starts_with(full, argv[i]))
			return true;
	return false;
}

static void
on_complete(const CU_pTest test, const CU_pSuite suite,
    const CU_pFailureRecord failure)
{
	const CU_FailureRecord *f;

	tap_number++;
	if (skip_reason != NULL && failure == NULL) {
		printf("ok %d - %s/%s # SKIP %s\n", tap_number, suite->pName,
		    test->pName, skip_reason);
	} else if (failure == NULL) {
		printf("ok %d - %s/%s\n", tap_number, suite->pName,
		    test->pName);
	} else {
		tap_failed++;
		printf("not ok %d - %s/%s\n", tap_number, suite->pName,
		    test->pName);
		for (f = failure; f != NULL; f = f->pNext)
			printf("#   %s:%u: %s\n", f->strFileName,
			    f->uiLineNumber, f->strCondition);
	}
	free(skip_reason);
	skip_reason = NULL;
	free(tmp_current);
	tmp_current = NULL;
	fflush(stdout);
}

static void
on_suite_init_failure(const CU_pSuite suite)
{
	tap_number++;
	tap_failed++;
	printf("not ok %d - %s (suite set-up failed)\n", tap_number,
	    suite->pName);
}

/* Add a suite made of a table of tests. */
CU_pSuite
hs_unit_add_table(const char *name, const struct hs_unit_case *cases,
    size_t n)
{
	CU_pSuite suite = CU_add_suite(name, NULL, NULL);
	size_t i;

	if (suite == NULL)
		BUG("cannot add suite '%s'", name);
	for (i = 0; i < n; i++)
		if (CU_add_test(suite, cases[i].name, cases[i].fn) == NULL)
			BUG("cannot add test '%s/%s'", name, cases[i].name);
	return suite;
}

/* The shared test data folder, or NULL when it is not on this machine. */
const char *
hs_unit_testdata(void)
{
	const char *dir = getenv("HS_TESTDATA");
	struct stat st;

	if (dir == NULL || *dir == '\0' || stat(dir, &st) < 0 ||
	    !S_ISDIR(st.st_mode))
		return NULL;
	return dir;
}

/* Mark the running test as skipped, with a reason. */
void
hs_unit_skip(const char *why)
{
	free(skip_reason);
	skip_reason = hs_xstrdup(why);
}

static int
rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(path);
}

/* A fresh temporary folder for the running test (removed at exit). */
const char *
hs_unit_tmpdir(void)
{
	static unsigned counter;

	if (tmp_root == NULL) {
		const char *base = getenv("TMPDIR");
		char *tmpl = hs_xasprintf("%s/hs-unit.XXXXXX",
		    base && *base ? base : "/tmp");

		if (mkdtemp(tmpl) == NULL)
			BUG("cannot create a temporary folder from '%s'", tmpl);
		tmp_root = tmpl;
	}
	if (tmp_current == NULL) {
		tmp_current = hs_xasprintf("%s/%u", tmp_root, ++counter);
		if (mkdir(tmp_current, 0700) < 0)
			BUG("cannot create '%s'", tmp_current);
	}
	return tmp_current;
}

/* Deactivate the tests that the command line does not select. */
static void
select_tests(int argc, char **argv)
{
	CU_pTestRegistry reg = CU_get_registry();
	CU_pSuite s;
	CU_pTest t;

	for (s = reg->pSuite; s != NULL; s = s->pNext)
		for (t = s->pTest; t != NULL; t = t->pNext) {
			char *full = hs_xasprintf("%s/%s", s->pName, t->pName);

			CU_set_test_active(t, selected(argc, argv, full) ?
			    CU_TRUE : CU_FALSE);
			free(full);
		}
}

int
main(int argc, char **argv)
{
	int rc;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (CU_initialize_registry() != CUE_SUCCESS)
		BUG("cannot initialise CUnit");
	hs_unit_register();
	select_tests(argc, argv);
	CU_set_error_action(CUEA_IGNORE);
	CU_set_test_complete_handler(on_complete);
	CU_set_suite_init_failure_handler(on_suite_init_failure);
	CU_run_all_tests();
	printf("1..%d\n", tap_number);
	rc = tap_failed ? 1 : 0;
	CU_cleanup_registry();
	if (tmp_root != NULL) {
		nftw(tmp_root, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
		free(tmp_root);
	}
	return rc;
}
