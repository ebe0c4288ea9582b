/*
 * test-sigv4-vectors.c: the AWS SigV4 test suite, one CUnit test per case
 * folder of $HS_TESTDATA/sigv4/official (34) and official-crt (38, in both
 * the header and the presigned-URL form). Each test compares the
 * canonical request, the string to sign and the signature separately, so
 * a failure says which step went wrong.
 *
 * The case names are listed here so each is its own test; a guard test
 * fails if a folder is added to or removed from the suite without this
 * list following. Without HS_TESTDATA every test skips, loudly.
 */
#include "hs-common.h"
#include "harness.h"
#include "sigv4-case.h"
#include "sigv4.h"

#include <dirent.h>

/* Compare one computed step with its expected file. */
static void
expect_file(const char *dir, const char *file, const char *got)
{
	char *cause = NULL;
	char *want = sigv4_case_read(dir, file, &cause);

	if (want == NULL) {
		printf("# %s\n", cause);
		free(cause);
		CU_FAIL("expected file missing");
		return;
	}
	if (got == NULL || strcmp(want, got) != 0) {
		printf("# %s/%s differs\n# expected:\n%s\n# got:\n%s\n", dir,
		    file, want, got ? got : "(null)");
		CU_FAIL(file);
	}
	free(want);
}

/* Compare the signature with the one in query-signed-request.txt. */
static void
expect_query_signature(const char *dir, const char *got)
{
	char *cause = NULL, *sig = NULL;
	char *text = sigv4_case_read(dir, "query-signed-request.txt", &cause);

	if (text != NULL)
		sig = sigv4_case_query_signature(text);
	if (sig == NULL || got == NULL || strcmp(sig, got) != 0) {
		printf("# %s: signature expected %s, got %s\n", dir,
		    sig ? sig : "(none)", got ? got : "(null)");
		CU_FAIL("query signature");
	}
	free(cause);
	free(text);
	free(sig);
}

/* Sign one case and compare the three steps. */
static void
check_case(const char *set, const char *name, bool presign)
{
	const char *data = hs_unit_testdata();
	struct sigv4_case c;
	struct sigv4_trace t = SIGV4_TRACE_INIT;
	struct sigv4_params p;
	char *dir, *cause = NULL;

	if (data == NULL) {
		hs_unit_skip("HS_TESTDATA is not set or missing: no SigV4 "
		    "vectors to run");
		return;
	}
	dir = hs_xasprintf("%s/sigv4/%s/%s", data, set, name);
	if (sigv4_case_load(&c, dir, &cause) < 0) {
		printf("# %s\n", cause);
		CU_FAIL("cannot load the case");
		goto cleanup;
	}
	memset(&p, 0, sizeof p);
	p.credentials = c.credentials;
	p.region = c.region;
	p.service = c.service;
	p.now = c.now;
	p.flags = c.flags | (presign ? SIGV4_PRESIGN : 0);
	p.expires = c.expires;
	if (sigv4_sign(&c.request, &p, &t, &cause) < 0) {
		printf("# %s\n", cause);
		CU_FAIL("sigv4_sign failed");
		goto cleanup;
	}
	expect_file(dir, presign ? "query-canonical-request.txt" :
	    "canonical-request.txt", t.canonical_request);
	expect_file(dir, presign ? "query-string-to-sign.txt" :
	    "string-to-sign.txt", t.string_to_sign);
	if (presign)
		expect_query_signature(dir, t.signature);
	else
		expect_file(dir, "authorization.txt", t.authorization);
cleanup:
	free(cause);
	free(dir);
	sigv4_trace_clear(&t);
	sigv4_case_clear(&c);
}

static void off_get_header_key_duplicate(void) { check_case("official", "get-header-key-duplicate", false); }
static void off_get_header_value_multiline(void) { check_case("official", "get-header-value-multiline", false); }
static void off_get_header_value_order(void) { check_case("official", "get-header-value-order", false); }
static void off_get_header_value_trim(void) { check_case("official", "get-header-value-trim", false); }
static void off_get_relative(void) { check_case("official", "get-relative", false); }
static void off_get_relative_relative(void) { check_case("official", "get-relative-relative", false); }
static void off_get_slash(void) { check_case("official", "get-slash", false); }
static void off_get_slash_dot_slash(void) { check_case("official", "get-slash-dot-slash", false); }
static void off_get_slash_pointless_dot(void) { check_case("official", "get-slash-pointless-dot", false); }
static void off_get_slashes(void) { check_case("official", "get-slashes", false); }
static void off_get_space(void) { check_case("official", "get-space", false); }
static void off_get_special_character(void) { check_case("official", "get-special-character", false); }
static void off_get_unreserved(void) { check_case("official", "get-unreserved", false); }
static void off_get_utf8(void) { check_case("official", "get-utf8", false); }
static void off_get_vanilla(void) { check_case("official", "get-vanilla", false); }
static void off_get_vanilla_empty_query_key(void) { check_case("official", "get-vanilla-empty-query-key", false); }
static void off_get_vanilla_query(void) { check_case("official", "get-vanilla-query", false); }
static void off_get_vanilla_query_order_encoded(void) { check_case("official", "get-vanilla-query-order-encoded", false); }
static void off_get_vanilla_query_order_key(void) { check_case("official", "get-vanilla-query-order-key", false); }
static void off_get_vanilla_query_order_key_case(void) { check_case("official", "get-vanilla-query-order-key-case", false); }
static void off_get_vanilla_query_order_value(void) { check_case("official", "get-vanilla-query-order-value", false); }
static void off_get_vanilla_query_unreserved(void) { check_case("official", "get-vanilla-query-unreserved", false); }
static void off_get_vanilla_utf8_query(void) { check_case("official", "get-vanilla-utf8-query", false); }
static void off_get_vanilla_with_session_token(void) { check_case("official", "get-vanilla-with-session-token", false); }
static void off_post_header_key_case(void) { check_case("official", "post-header-key-case", false); }
static void off_post_header_key_sort(void) { check_case("official", "post-header-key-sort", false); }
static void off_post_header_value_case(void) { check_case("official", "post-header-value-case", false); }
static void off_post_sts_header_after(void) { check_case("official", "post-sts-header-after", false); }
static void off_post_sts_header_before(void) { check_case("official", "post-sts-header-before", false); }
static void off_post_vanilla(void) { check_case("official", "post-vanilla", false); }
static void off_post_vanilla_empty_query_value(void) { check_case("official", "post-vanilla-empty-query-value", false); }
static void off_post_vanilla_query(void) { check_case("official", "post-vanilla-query", false); }
static void off_post_x_www_form_urlencoded(void) { check_case("official", "post-x-www-form-urlencoded", false); }
static void off_post_x_www_form_urlencoded_parameters(void) { check_case("official", "post-x-www-form-urlencoded-parameters", false); }
static void crth_get_header_key_duplicate(void) { check_case("official-crt", "get-header-key-duplicate", false); }
static void crth_get_header_value_multiline(void) { check_case("official-crt", "get-header-value-multiline", false); }
static void crth_get_header_value_order(void) { check_case("official-crt", "get-header-value-order", false); }
static void crth_get_header_value_trim(void) { check_case("official-crt", "get-header-value-trim", false); }
static void crth_get_relative_normalized(void) { check_case("official-crt", "get-relative-normalized", false); }
static void crth_get_relative_relative_normalized(void) { check_case("official-crt", "get-relative-relative-normalized", false); }
static void crth_get_relative_relative_unnormalized(void) { check_case("official-crt", "get-relative-relative-unnormalized", false); }
static void crth_get_relative_unnormalized(void) { check_case("official-crt", "get-relative-unnormalized", false); }
static void crth_get_slash_dot_slash_normalized(void) { check_case("official-crt", "get-slash-dot-slash-normalized", false); }
static void crth_get_slash_dot_slash_unnormalized(void) { check_case("official-crt", "get-slash-dot-slash-unnormalized", false); }
static void crth_get_slash_normalized(void) { check_case("official-crt", "get-slash-normalized", false); }
static void crth_get_slash_pointless_dot_normalized(void) { check_case("official-crt", "get-slash-pointless-dot-normalized", false); }
static void crth_get_slash_pointless_dot_unnormalized(void) { check_case("official-crt", "get-slash-pointless-dot-unnormalized", false); }
static void crth_get_slash_unnormalized(void) { check_case("official-crt", "get-slash-unnormalized", false); }
static void crth_get_slashes_normalized(void) { check_case("official-crt", "get-slashes-normalized", false); }
static void crth_get_slashes_unnormalized(void) { check_case("official-crt", "get-slashes-unnormalized", false); }
static void crth_get_space_normalized(void) { check_case("official-crt", "get-space-normalized", false); }
static void crth_get_space_unnormalized(void) { check_case("official-crt", "get-space-unnormalized", false); }
static void crth_get_unreserved(void) { check_case("official-crt", "get-unreserved", false); }
static void crth_get_utf8(void) { check_case("official-crt", "get-utf8", false); }
static void crth_get_vanilla(void) { check_case("official-crt", "get-vanilla", false); }
static void crth_get_vanilla_empty_query_key(void) { check_case("official-crt", "get-vanilla-empty-query-key", false); }
static void crth_get_vanilla_query(void) { check_case("official-crt", "get-vanilla-query", false); }
static void crth_get_vanilla_query_order_encoded(void) { check_case("official-crt", "get-vanilla-query-order-encoded", false); }
static void crth_get_vanilla_query_order_key_case(void) { check_case("official-crt", "get-vanilla-query-order-key-case", false); }
static void crth_get_vanilla_query_unreserved(void) { check_case("official-crt", "get-vanilla-query-unreserved", false); }
static void crth_get_vanilla_utf8_query(void) { check_case("official-crt", "get-vanilla-utf8-query", false); }
static void crth_get_vanilla_with_session_token(void) { check_case("official-crt", "get-vanilla-with-session-token", false); }
static void crth_post_header_key_case(void) { check_case("official-crt", "post-header-key-case", false); }
static void crth_post_header_key_sort(void) { check_case("official-crt", "post-header-key-sort", false); }
static void crth_post_header_value_case(void) { check_case("official-crt", "post-header-value-case", false); }
static void crth_post_sts_header_after(void) { check_case("official-crt", "post-sts-header-after", false); }
static void crth_post_sts_header_before(void) { check_case("official-crt", "post-sts-header-before", false); }
static void crth_post_vanilla(void) { check_case("official-crt", "post-vanilla", false); }
static void crth_post_vanilla_empty_query_value(void) { check_case("official-crt", "post-vanilla-empty-query-value", false); }
static void crth_post_vanilla_query(void) { check_case("official-crt", "post-vanilla-query", false); }
static void crth_post_x_www_form_urlencoded(void) { check_case("official-crt", "post-x-www-form-urlencoded", false); }
static void crth_post_x_www_form_urlencoded_parameters(void) { check_case("official-crt", "post-x-www-form-urlencoded-parameters", false); }
static void crtq_get_header_key_duplicate(void) { check_case("official-crt", "get-header-key-duplicate", true); }
static void crtq_get_header_value_multiline(void) { check_case("official-crt", "get-header-value-multiline", true); }
static void crtq_get_header_value_order(void) { check_case("official-crt", "get-header-value-order", true); }
static void crtq_get_header_value_trim(void) { check_case("official-crt", "get-header-value-trim", true); }
static void crtq_get_relative_normalized(void) { check_case("official-crt", "get-relative-normalized", true); }
static void crtq_get_relative_relative_normalized(void) { check_case("official-crt", "get-relative-relative-normalized", true); }
static void crtq_get_relative_relative_unnormalized(void) { check_case("official-crt", "get-relative-relative-unnormalized", true); }
static void crtq_get_relative_unnormalized(void) { check_case("official-crt", "get-relative-unnormalized", true); }
static void crtq_get_slash_dot_slash_normalized(void) { check_case("official-crt", "get-slash-dot-slash-normalized", true); }
static void crtq_get_slash_dot_slash_unnormalized(void) { check_case("official-crt", "get-slash-dot-slash-unnormalized", true); }
static void crtq_get_slash_normalized(void) { check_case("official-crt", "get-slash-normalized", true); }
static void crtq_get_slash_pointless_dot_normalized(void) { check_case("official-crt", "get-slash-pointless-dot-normalized", true); }
static void crtq_get_slash_pointless_dot_unnormalized(void) { check_case("official-crt", "get-slash-pointless-dot-unnormalized", true); }
static void crtq_get_slash_unnormalized(void) { check_case("official-crt", "get-slash-unnormalized", true); }
static void crtq_get_slashes_normalized(void) { check_case("official-crt", "get-slashes-normalized", true); }
static void crtq_get_slashes_unnormalized(void) { check_case("official-crt", "get-slashes-unnormalized", true); }
static void crtq_get_space_normalized(void) { check_case("official-crt", "get-space-normalized", true); }
static void crtq_get_space_unnormalized(void) { check_case("official-crt", "get-space-unnormalized", true); }
static void crtq_get_unreserved(void) { check_case("official-crt", "get-unreserved", true); }
static void crtq_get_utf8(void) { check_case("official-crt", "get-utf8", true); }
static void crtq_get_vanilla(void) { check_case("official-crt", "get-vanilla", true); }
static void crtq_get_vanilla_empty_query_key(void) { check_case("official-crt", "get-vanilla-empty-query-key", true); }
static void crtq_get_vanilla_query(void) { check_case("official-crt", "get-vanilla-query", true); }
static void crtq_get_vanilla_query_order_encoded(void) { check_case("official-crt", "get-vanilla-query-order-encoded", true); }
static void crtq_get_vanilla_query_order_key_case(void) { check_case("official-crt", "get-vanilla-query-order-key-case", true); }
static void crtq_get_vanilla_query_unreserved(void) { check_case("official-crt", "get-vanilla-query-unreserved", true); }
static void crtq_get_vanilla_utf8_query(void) { check_case("official-crt", "get-vanilla-utf8-query", true); }
static void crtq_get_vanilla_with_session_token(void) { check_case("official-crt", "get-vanilla-with-session-token", true); }
static void crtq_post_header_key_case(void) { check_case("official-crt", "post-header-key-case", true); }
static void crtq_post_header_key_sort(void) { check_case("official-crt", "post-header-key-sort", true); }
static void crtq_post_header_value_case(void) { check_case("official-crt", "post-header-value-case", true); }
static void crtq_post_sts_header_after(void) { check_case("official-crt", "post-sts-header-after", true); }
static void crtq_post_sts_header_before(void) { check_case("official-crt", "post-sts-header-before", true); }
static void crtq_post_vanilla(void) { check_case("official-crt", "post-vanilla", true); }
static void crtq_post_vanilla_empty_query_value(void) { check_case("official-crt", "post-vanilla-empty-query-value", true); }
static void crtq_post_vanilla_query(void) { check_case("official-crt", "post-vanilla-query", true); }
static void crtq_post_x_www_form_urlencoded(void) { check_case("official-crt", "post-x-www-form-urlencoded", true); }
static void crtq_post_x_www_form_urlencoded_parameters(void) { check_case("official-crt", "post-x-www-form-urlencoded-parameters", true); }

static const struct hs_unit_case official[] = {
	{ "get-header-key-duplicate", off_get_header_key_duplicate },
	{ "get-header-value-multiline", off_get_header_value_multiline },
	{ "get-header-value-order", off_get_header_value_order },
	{ "get-header-value-trim", off_get_header_value_trim },
	{ "get-relative", off_get_relative },
	{ "get-relative-relative", off_get_relative_relative },
	{ "get-slash", off_get_slash },
	{ "get-slash-dot-slash", off_get_slash_dot_slash },
	{ "get-slash-pointless-dot", off_get_slash_pointless_dot },
	{ "get-slashes", off_get_slashes },
	{ "get-space", off_get_space },
	{ "get-special-character", off_get_special_character },
	{ "get-unreserved", off_get_unreserved },
	{ "get-utf8", off_get_utf8 },
	{ "get-vanilla", off_get_vanilla },
	{ "get-vanilla-empty-query-key", off_get_vanilla_empty_query_key },
	{ "get-vanilla-query", off_get_vanilla_query },
	{ "get-vanilla-query-order-encoded", off_get_vanilla_query_order_encoded },
	{ "get-vanilla-query-order-key", off_get_vanilla_query_order_key },
	{ "get-vanilla-query-order-key-case", off_get_vanilla_query_order_key_case },
	{ "get-vanilla-query-order-value", off_get_vanilla_query_order_value },
	{ "get-vanilla-query-unreserved", off_get_vanilla_query_unreserved },
	{ "get-vanilla-utf8-query", off_get_vanilla_utf8_query },
	{ "get-vanilla-with-session-token", off_get_vanilla_with_session_token },
	{ "post-header-key-case", off_post_header_key_case },
	{ "post-header-key-sort", off_post_header_key_sort },
	{ "post-header-value-case", off_post_header_value_case },
	{ "post-sts-header-after", off_post_sts_header_after },
	{ "post-sts-header-before", off_post_sts_header_before },
	{ "post-vanilla", off_post_vanilla },
	{ "post-vanilla-empty-query-value", off_post_vanilla_empty_query_value },
	{ "post-vanilla-query", off_post_vanilla_query },
	{ "post-x-www-form-urlencoded", off_post_x_www_form_urlencoded },
	{ "post-x-www-form-urlencoded-parameters", off_post_x_www_form_urlencoded_parameters },
};

static const struct hs_unit_case crt_header[] = {
	{ "get-header-key-duplicate", crth_get_header_key_duplicate },
	{ "get-header-value-multiline", crth_get_header_value_multiline },
	{ "get-header-value-order", crth_get_header_value_order },
	{ "get-header-value-trim", crth_get_header_value_trim },
	{ "get-relative-normalized", crth_get_relative_normalized },
	{ "get-relative-relative-normalized", crth_get_relative_relative_normalized },
	{ "get-relative-relative-unnormalized", crth_get_relative_relative_unnormalized },
	{ "get-relative-unnormalized", crth_get_relative_unnormalized },
	{ "get-slash-dot-slash-normalized", crth_get_slash_dot_slash_normalized },
	{ "get-slash-dot-slash-unnormalized", crth_get_slash_dot_slash_unnormalized },
	{ "get-slash-normalized", crth_get_slash_normalized },
	{ "get-slash-pointless-dot-normalized", crth_get_slash_pointless_dot_normalized },
	{ "get-slash-pointless-dot-unnormalized", crth_get_slash_pointless_dot_unnormalized },
	{ "get-slash-unnormalized", crth_get_slash_unnormalized },
	{ "get-slashes-normalized", crth_get_slashes_normalized },
	{ "get-slashes-unnormalized", crth_get_slashes_unnormalized },
	{ "get-space-normalized", crth_get_space_normalized },
	{ "get-space-unnormalized", crth_get_space_unnormalized },
	{ "get-unreserved", crth_get_unreserved },
	{ "get-utf8", crth_get_utf8 },
	{ "get-vanilla", crth_get_vanilla },
	{ "get-vanilla-empty-query-key", crth_get_vanilla_empty_query_key },
	{ "get-vanilla-query", crth_get_vanilla_query },
	{ "get-vanilla-query-order-encoded", crth_get_vanilla_query_order_encoded },
	{ "get-vanilla-query-order-key-case", crth_get_vanilla_query_order_key_case },
	{ "get-vanilla-query-unreserved", crth_get_vanilla_query_unreserved },
	{ "get-vanilla-utf8-query", crth_get_vanilla_utf8_query },
	{ "get-vanilla-with-session-token", crth_get_vanilla_with_session_token },
	{ "post-header-key-case", crth_post_header_key_case },
	{ "post-header-key-sort", crth_post_header_key_sort },
	{ "post-header-value-case", crth_post_header_value_case },
	{ "post-sts-header-after", crth_post_sts_header_after },
	{ "post-sts-header-before", crth_post_sts_header_before },
	{ "post-vanilla", crth_post_vanilla },
	{ "post-vanilla-empty-query-value", crth_post_vanilla_empty_query_value },
	{ "post-vanilla-query", crth_post_vanilla_query },
	{ "post-x-www-form-urlencoded", crth_post_x_www_form_urlencoded },
	{ "post-x-www-form-urlencoded-parameters", crth_post_x_www_form_urlencoded_parameters },
};

static const struct hs_unit_case crt_query[] = {
	{ "get-header-key-duplicate", crtq_get_header_key_duplicate },
	{ "get-header-value-multiline", crtq_get_header_value_multiline },
	{ "get-header-value-order", crtq_get_header_value_order },
	{ "get-header-value-trim", crtq_get_header_value_trim },
	{ "get-relative-normalized", crtq_get_relative_normalized },
	{ "get-relative-relative-normalized", crtq_get_relative_relative_normalized },
	{ "get-relative-relative-unnormalized", crtq_get_relative_relative_unnormalized },
	{ "get-relative-unnormalized", crtq_get_relative_unnormalized },
	{ "get-slash-dot-slash-normalized", crtq_get_slash_dot_slash_normalized },
	{ "get-slash-dot-slash-unnormalized", crtq_get_slash_dot_slash_unnormalized },
	{ "get-slash-normalized", crtq_get_slash_normalized },
	{ "get-slash-pointless-dot-normalized", crtq_get_slash_pointless_dot_normalized },
	{ "get-slash-pointless-dot-unnormalized", crtq_get_slash_pointless_dot_unnormalized },
	{ "get-slash-unnormalized", crtq_get_slash_unnormalized },
	{ "get-slashes-normalized", crtq_get_slashes_normalized },
	{ "get-slashes-unnormalized", crtq_get_slashes_unnormalized },
	{ "get-space-normalized", crtq_get_space_normalized },
	{ "get-space-unnormalized", crtq_get_space_unnormalized },
	{ "get-unreserved", crtq_get_unreserved },
	{ "get-utf8", crtq_get_utf8 },
	{ "get-vanilla", crtq_get_vanilla },
	{ "get-vanilla-empty-query-key", crtq_get_vanilla_empty_query_key },
	{ "get-vanilla-query", crtq_get_vanilla_query },
	{ "get-vanilla-query-order-encoded", crtq_get_vanilla_query_order_encoded },
	{ "get-vanilla-query-order-key-case", crtq_get_vanilla_query_order_key_case },
	{ "get-vanilla-query-unreserved", crtq_get_vanilla_query_unreserved },
	{ "get-vanilla-utf8-query", crtq_get_vanilla_utf8_query },
	{ "get-vanilla-with-session-token", crtq_get_vanilla_with_session_token },
	{ "post-header-key-case", crtq_post_header_key_case },
	{ "post-header-key-sort", crtq_post_header_key_sort },
	{ "post-header-value-case", crtq_post_header_value_case },
	{ "post-sts-header-after", crtq_post_sts_header_after },
	{ "post-sts-header-before", crtq_post_sts_header_before },
	{ "post-vanilla", crtq_post_vanilla },
	{ "post-vanilla-empty-query-value", crtq_post_vanilla_empty_query_value },
	{ "post-vanilla-query", crtq_post_vanilla_query },
	{ "post-x-www-form-urlencoded", crtq_post_x_www_form_urlencoded },
	{ "post-x-www-form-urlencoded-parameters", crtq_post_x_www_form_urlencoded_parameters },
};

/* Tell whether every folder of a set is in a table, and the reverse. */
static void
check_listing(const char *set, const struct hs_unit_case *cases, size_t n)
{
	const char *data = hs_unit_testdata();
	char *dir;
	DIR *d;
	struct dirent *e;
	size_t found = 0, i;

	if (data == NULL) {
		hs_unit_skip("HS_TESTDATA is not set or missing");
		return;
	}
	dir = hs_xasprintf("%s/sigv4/%s", data, set);
	d = opendir(dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	while ((e = readdir(d)) != NULL) {
		if (e->d_name[0] == '.')
			continue;
		for (i = 0; i < n; i++)
			if (strcmp(cases[i].name, e->d_name) == 0)
				break;
		if (i == n)
			printf("# case folder '%s/%s' has no test\n", set,
			    e->d_name);
		CU_ASSERT(i < n);
		found++;
	}
	closedir(d);
	CU_ASSERT_EQUAL(found, n);
	free(dir);
}

static void
test_official_listing(void)
{
	check_listing("official", official, HS_ARRAY_SIZE(official));
	CU_ASSERT_EQUAL(HS_ARRAY_SIZE(official), 34);
}

static void
test_crt_listing(void)
{
	check_listing("official-crt", crt_header, HS_ARRAY_SIZE(crt_header));
	CU_ASSERT_EQUAL(HS_ARRAY_SIZE(crt_header), 38);
}

static const struct hs_unit_case guards[] = {
	{ "official-listing", test_official_listing },
	{ "crt-listing", test_crt_listing },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("sigv4-vectors", guards, HS_ARRAY_SIZE(guards));
	hs_unit_add_table("official", official, HS_ARRAY_SIZE(official));
	hs_unit_add_table("crt-header", crt_header, HS_ARRAY_SIZE(crt_header));
	hs_unit_add_table("crt-query", crt_query, HS_ARRAY_SIZE(crt_query));
}
