/*
 * harness.h: the main() that every CUnit test program shares.
 *
 * A test program defines hs_unit_register(), which adds its suites with
 * CU_add_suite() and CU_add_test() (or hs_unit_add_table()). The harness
 * runs them and prints one TAP line per test ("ok 3 - lexer/quotes"), so
 * tests/driver counts each test; failed assertions are printed as TAP
 * comments with their file and line. Arguments select tests by
 * "suite/test" prefix.
 *
 * HS_TESTDATA (set by make check) names ../shared/testdata;
 * hs_unit_testdata() returns it or NULL, and hs_unit_skip() lets a test
 * say why it cannot run (reported as TAP "# SKIP").
 */
#ifndef HS_UNIT_HARNESS_H
#define HS_UNIT_HARNESS_H

#include <CUnit/CUnit.h>

struct hs_unit_case {
	const char *name;
	void (*fn)(void);
};

/* Defined by each test program: register its suites. */
void hs_unit_register(void);

/* Add a suite made of a table of tests. */
CU_pSuite hs_unit_add_table(const char *suite, const struct hs_unit_case *cases,
    size_t n);

/* The shared test data folder, or NULL when it is not on this machine. */
const char *hs_unit_testdata(void);

/* Mark the running test as skipped, with a reason. */
void hs_unit_skip(const char *why);

/* A fresh temporary folder for the running test (removed at exit). */
const char *hs_unit_tmpdir(void);

#define HS_ASSERT_STR_EQ(actual, expected) do {				\
	const char *hs_a_ = (actual), *hs_e_ = (expected);		\
	if (hs_a_ == NULL || hs_e_ == NULL || strcmp(hs_a_, hs_e_) != 0)	\
		printf("# expected '%s'\n#      got '%s'\n",		\
		    hs_e_ ? hs_e_ : "(null)", hs_a_ ? hs_a_ : "(null)");	\
	CU_ASSERT_STRING_EQUAL_FATAL(hs_a_ ? hs_a_ : "(null)",		\
	    hs_e_ ? hs_e_ : "(null)");					\
} while (0)

#endif
