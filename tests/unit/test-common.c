/*
 * test-common.c: hs_buf and the string helpers of lib/.
 */
#include "hs-common.h"
#include "harness.h"

static void
test_buf_append_and_detach(void)
{
	struct hs_buf b = HS_BUF_INIT;
	char *s;
	size_t len;

	HS_ASSERT_STR_EQ(b.buf, "");
	CU_ASSERT_EQUAL(hs_buf_adds(&b, "abc"), 0);
	CU_ASSERT_EQUAL(hs_buf_addch(&b, '-'), 0);
	CU_ASSERT_EQUAL(hs_buf_addf(&b, "%d/%s", 42, "x"), 0);
	HS_ASSERT_STR_EQ(b.buf, "abc-42/x");
	CU_ASSERT_EQUAL(b.len, 8);
	s = hs_buf_detach(&b, &len);
	HS_ASSERT_STR_EQ(s, "abc-42/x");
	CU_ASSERT_EQUAL(len, 8);
	HS_ASSERT_STR_EQ(b.buf, "");
	free(s);
	hs_buf_release(&b);
}

static void
test_buf_cap_is_sticky(void)
{
	struct hs_buf b = HS_BUF_INIT_CAP(5);

	CU_ASSERT_EQUAL(hs_buf_adds(&b, "1234"), 0);
	CU_ASSERT_FALSE(hs_buf_failed(&b));
	CU_ASSERT_EQUAL(hs_buf_adds(&b, "56"), -1);
	CU_ASSERT_TRUE(hs_buf_failed(&b));
	HS_ASSERT_STR_EQ(b.buf, "1234");
	CU_ASSERT_EQUAL(hs_buf_addch(&b, '5'), 0);
	CU_ASSERT_EQUAL(hs_buf_addf(&b, "%s", "6"), -1);
	HS_ASSERT_STR_EQ(b.buf, "12345");
	CU_ASSERT_TRUE(hs_buf_failed(&b));
	hs_buf_reset(&b);
	CU_ASSERT_FALSE(hs_buf_failed(&b));
	hs_buf_release(&b);
}

static void
test_buf_long_format(void)
{
	struct hs_buf b = HS_BUF_INIT;
	char big[1000];
	size_t i;

	memset(big, 'x', sizeof big - 1);
	big[sizeof big - 1] = '\0';
	for (i = 0; i < 10; i++)
		CU_ASSERT_EQUAL(hs_buf_addf(&b, "%s", big), 0);
	CU_ASSERT_EQUAL(b.len, 9990);
	CU_ASSERT_EQUAL(strlen(b.buf), 9990);
	hs_buf_cleanse(&b);
	CU_ASSERT_EQUAL(b.len, 0);
}

static void
test_buf_trim(void)
{
	struct hs_buf b = HS_BUF_INIT;

	CU_ASSERT_EQUAL(hs_buf_adds(&b, " \t a b \n"), 0);
	hs_buf_trim(&b);
	HS_ASSERT_STR_EQ(b.buf, "a b");
	hs_buf_reset(&b);
	CU_ASSERT_EQUAL(hs_buf_adds(&b, "   "), 0);
	hs_buf_trim(&b);
	HS_ASSERT_STR_EQ(b.buf, "");
	hs_buf_release(&b);
}

static void
test_str_helpers(void)
{
	char small[4];

	CU_ASSERT_TRUE(hs_starts_with("--profile", "--"));
	CU_ASSERT_FALSE(hs_starts_with("-", "--"));
	CU_ASSERT_TRUE(hs_ends_with("x.phi", ".phi"));
	CU_ASSERT_FALSE(hs_ends_with("phi", ".phi"));
	CU_ASSERT_EQUAL(hs_strlcpy(small, "abcdef", sizeof small), 6);
	HS_ASSERT_STR_EQ(small, "abc");
	CU_ASSERT_TRUE(hs_const_time_eq("secret", "secret"));
	CU_ASSERT_FALSE(hs_const_time_eq("secret", "secreT"));
	CU_ASSERT_FALSE(hs_const_time_eq("secret", "secrets"));
	CU_ASSERT_EQUAL(hs_edit_distance("kitten", "sitting"), 3);
	CU_ASSERT_EQUAL(hs_edit_distance(".regoin", ".region"), 2);
	CU_ASSERT_EQUAL(hs_edit_distance("", "abc"), 3);
}

static void
test_gmtime(void)
{
	struct tm tm;

	CU_ASSERT_EQUAL(hs_gmtime(1440938160, &tm), 0);
	CU_ASSERT_EQUAL(tm.tm_year, 115);
	CU_ASSERT_EQUAL(tm.tm_mon, 7);
	CU_ASSERT_EQUAL(tm.tm_mday, 30);
	CU_ASSERT_EQUAL(tm.tm_hour, 12);
	CU_ASSERT_EQUAL(tm.tm_min, 36);
}

static const struct hs_unit_case common_cases[] = {
	{ "buf_append_and_detach", test_buf_append_and_detach },
	{ "buf_cap_is_sticky", test_buf_cap_is_sticky },
	{ "buf_long_format", test_buf_long_format },
	{ "buf_trim", test_buf_trim },
	{ "str_helpers", test_str_helpers },
	{ "gmtime", test_gmtime },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("common", common_cases, HS_ARRAY_SIZE(common_cases));
}
