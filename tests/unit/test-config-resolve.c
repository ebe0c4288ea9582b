/*
 * test-config-resolve.c: the resolution of settings in the CLI's order -
 * option, environment, profile, default - with a fake environment, and
 * where each answer came from; the endpoint URL chain; the profile that
 * does not exist.
 */
#include "hs-common.h"
#include "harness.h"
#include "aws/config.h"

#include <sys/stat.h>

#define NO_OPT ((const char *)0)

/* The fake environment: NULL-terminated name/value pairs. */
static const char *
fake_get(void *arg, const char *name)
{
	const char *const *kv = arg;

	for (; kv != NULL && kv[0] != NULL; kv += 2)
		if (strcmp(kv[0], name) == 0)
			return kv[1];
	return NULL;
}

static const char config_text[] =
	"[default]\n"
	"region = eu-central-1\n"
	"output = table\n"
	"[profile dev]\n"
	"region = ap-south-1\n"
	"max_attempts = 7\n"
	"retry_mode = legacy\n"
	"use_fips_endpoint = TRUE\n"
	"cli_pager =\n"
	"s3 =\n"
	"  addressing_style = path\n"
	"  us_east_1_regional_endpoint = legacy\n"
	"s3_us_east_1_regional_endpoint = regional\n"
	"endpoint_url = http://profile.example:1\n"
	"services = local\n"
	"[profile bad]\n"
	"output = xml\n"
	"max_attempts = 0\n"
	"use_fips_endpoint = yes\n"
	"region = us east 1\n"
	"services = missing\n"
	"[profile legacy]\n"
	"retry_mode = legacy\n"
	"ignore_configured_endpoint_urls = true\n"
	"endpoint_url = http://ignored.example\n"
	"[services local]\n"
	"cloudwatch_logs =\n"
	"  endpoint_url = http://logs.local:4566\n"
	"s3 =\n"
	"  endpoint_url =\n";

static const char credentials_text[] =
	"[dev]\n"
	"region = us-west-1\n"
	"[creds-only]\n"
	"aws_access_key_id = AKID\n";

static struct aws_config *cfg;

/* Load the fixture once per test program. */
static struct aws_config *
fixture(void)
{
	char *dir, *cp, *kp, *cause = NULL;
	FILE *f;

	if (cfg != NULL)
		return cfg;
	dir = hs_xasprintf("%s/fixture", hs_unit_tmpdir());
	CU_ASSERT_EQUAL_FATAL(mkdir(dir, 0700), 0);
	cp = hs_xasprintf("%s/config", dir);
	kp = hs_xasprintf("%s/credentials", dir);
	f = fopen(cp, "w");
	fputs(config_text, f);
	fclose(f);
	f = fopen(kp, "w");
	fputs(credentials_text, f);
	fclose(f);
	if (aws_config_load(&cfg, cp, kp, &cause) < 0)
		BUG("fixture: %s", cause);
	free(dir);
	free(cp);
	free(kp);
	return cfg;
}

/* Make a resolver; fails the test when it cannot. */
static struct aws_resolver *
resolver(const struct aws_config_options *o, const char *const *vars)
{
	struct aws_env env = { fake_get, (void *)vars };
	struct aws_resolver *res = NULL;
	char *cause = NULL;

	if (aws_resolver_new(&res, fixture(), o, &env, &cause) < 0) {
		printf("# %s\n", cause);
		free(cause);
	}
	CU_ASSERT_PTR_NOT_NULL(res);
	return res;
}

/* One row: options, environment, expected value and where it came from. */
struct row {
	const char *opt_profile, *opt_region;
	const char *env[7];
	enum aws_setting setting;
	const char *want;
	enum aws_setting_source source;
	const char *from;
};

static void
check_rows(const struct row *rows, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		struct aws_config_options o;
		struct aws_resolver *res;
		struct aws_setting_value v;
		char *cause = NULL;

		memset(&o, 0, sizeof o);
		o.profile = rows[i].opt_profile;
		o.region = rows[i].opt_region;
		res = resolver(&o, rows[i].env);
		if (res == NULL)
			continue;
		printf("# row %zu\n", i);
		CU_ASSERT_EQUAL_FATAL(aws_resolve(res, rows[i].setting, &v,
		    &cause), 0);
		if (rows[i].want == NULL) {
			CU_ASSERT_PTR_NULL(v.value);
		} else {
			HS_ASSERT_STR_EQ(v.value, rows[i].want);
		}
		CU_ASSERT_EQUAL(v.source, rows[i].source);
		if (rows[i].from != NULL) {
			HS_ASSERT_STR_EQ(v.from, rows[i].from);
		}
		aws_resolver_free(res);
	}
}

static void
test_region(void)
{
	static const struct row rows[] = {
		{ NULL, "us-east-2", { "AWS_REGION", "r1", "AWS_DEFAULT_REGION",
		  "r2" }, AWS_SETTING_REGION, "us-east-2", AWS_FROM_OPTION,
		  "--region" },
		{ NULL, NULL, { "AWS_REGION", "r1", "AWS_DEFAULT_REGION", "r2" },
		  AWS_SETTING_REGION, "r1", AWS_FROM_ENV, "AWS_REGION" },
		{ NULL, NULL, { "AWS_DEFAULT_REGION", "r2" },
		  AWS_SETTING_REGION, "r2", AWS_FROM_ENV, "AWS_DEFAULT_REGION" },
		/* An empty variable counts as unset. */
		{ NULL, NULL, { "AWS_REGION", "", "AWS_DEFAULT_REGION", "r2" },
		  AWS_SETTING_REGION, "r2", AWS_FROM_ENV, "AWS_DEFAULT_REGION" },
		{ NULL, NULL, { NULL }, AWS_SETTING_REGION, "eu-central-1",
		  AWS_FROM_PROFILE, "region" },
		/* dev: the credentials file wins over the config file. */
		{ "dev", NULL, { NULL }, AWS_SETTING_REGION, "us-west-1",
		  AWS_FROM_PROFILE, "region" },
		{ "legacy", NULL, { NULL }, AWS_SETTING_REGION, NULL,
		  AWS_FROM_NONE, NULL },
	};

	check_rows(rows, HS_ARRAY_SIZE(rows));
}

static void
test_profile(void)
{
	static const struct row rows[] = {
		{ "dev", NULL, { "AWS_PROFILE", "legacy" }, AWS_SETTING_PROFILE,
		  "dev", AWS_FROM_OPTION, "--profile" },
		{ NULL, NULL, { "AWS_PROFILE", "legacy", "AWS_DEFAULT_PROFILE",
		  "dev" }, AWS_SETTING_PROFILE, "legacy", AWS_FROM_ENV,
		  "AWS_PROFILE" },
		{ NULL, NULL, { "AWS_DEFAULT_PROFILE", "dev" },
		  AWS_SETTING_PROFILE, "dev", AWS_FROM_ENV,
		  "AWS_DEFAULT_PROFILE" },
		{ NULL, NULL, { NULL }, AWS_SETTING_PROFILE, "default",
		  AWS_FROM_DEFAULT, NULL },
		/* A profile only in the credentials file exists. */
		{ "creds-only", NULL, { NULL }, AWS_SETTING_PROFILE,
		  "creds-only", AWS_FROM_OPTION, "--profile" },
		/* AWS_PROFILE picks the profile the other settings read. */
		{ NULL, NULL, { "AWS_PROFILE", "dev" }, AWS_SETTING_MAX_ATTEMPTS,
		  "7", AWS_FROM_PROFILE, "max_attempts" },
	};

	check_rows(rows, HS_ARRAY_SIZE(rows));
}

static void
test_profile_not_found(void)
{
	static const struct { const char *opt; const char *env[3];
		const char *from; } cases[] = {
		{ "nope", { NULL }, "--profile" },
		{ NULL, { "AWS_PROFILE", "nope" }, "AWS_PROFILE" },
		{ NULL, { "AWS_DEFAULT_PROFILE", "nope" }, "AWS_DEFAULT_PROFILE" },
	};
	struct aws_config_options o;
	struct aws_resolver *res;
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct aws_env env = { fake_get, (void *)cases[i].env };
		char *cause = NULL, *want;

		memset(&o, 0, sizeof o);
		o.profile = cases[i].opt;
		res = NULL;
		CU_ASSERT_EQUAL(aws_resolver_new(&res, fixture(), &o, &env,
		    &cause), -1);
		CU_ASSERT_PTR_NULL(res);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
		want = hs_xasprintf("The config profile (nope) could not be "
		    "found (profile from %s; looked in '", cases[i].from);
		if (!hs_starts_with(cause, want))
			printf("# got '%s'\n", cause);
		CU_ASSERT(hs_starts_with(cause, want));
		free(want);
		free(cause);
	}
}

static void
test_defaults_and_retry(void)
{
	static const struct row rows[] = {
		{ NULL, NULL, { NULL }, AWS_SETTING_OUTPUT, "table",
		  AWS_FROM_PROFILE, "output" },
		{ "creds-only", NULL, { NULL }, AWS_SETTING_OUTPUT, "json",
		  AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { "AWS_DEFAULT_OUTPUT", "text" },
		  AWS_SETTING_OUTPUT, "text", AWS_FROM_ENV, "AWS_DEFAULT_OUTPUT" },
		{ NULL, NULL, { NULL }, AWS_SETTING_RETRY_MODE, "standard",
		  AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { NULL }, AWS_SETTING_MAX_ATTEMPTS, "3",
		  AWS_FROM_DEFAULT, NULL },
		/* legacy retry mode: five attempts unless told otherwise. */
		{ "legacy", NULL, { NULL }, AWS_SETTING_MAX_ATTEMPTS, "5",
		  AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { "AWS_RETRY_MODE", "legacy" },
		  AWS_SETTING_MAX_ATTEMPTS, "5", AWS_FROM_DEFAULT, NULL },
		{ "legacy", NULL, { "AWS_MAX_ATTEMPTS", "2" },
		  AWS_SETTING_MAX_ATTEMPTS, "2", AWS_FROM_ENV,
		  "AWS_MAX_ATTEMPTS" },
		{ NULL, NULL, { NULL }, AWS_SETTING_CONNECT_TIMEOUT, "60",
		  AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { NULL }, AWS_SETTING_VERIFY_SSL, "true",
		  AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { NULL }, AWS_SETTING_CA_BUNDLE, NULL,
		  AWS_FROM_NONE, NULL },
		{ NULL, NULL, { "AWS_CA_BUNDLE", "/etc/ca.pem" },
		  AWS_SETTING_CA_BUNDLE, "/etc/ca.pem", AWS_FROM_ENV,
		  "AWS_CA_BUNDLE" },
		{ NULL, NULL, { NULL }, AWS_SETTING_STS_REGIONAL_ENDPOINTS,
		  "regional", AWS_FROM_DEFAULT, NULL },
		{ NULL, NULL, { "AWS_EC2_METADATA_DISABLED", "true" },
		  AWS_SETTING_EC2_METADATA_DISABLED, "true", AWS_FROM_ENV,
		  "AWS_EC2_METADATA_DISABLED" },
		{ NULL, NULL, { "AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE",
		  "ipv6" }, AWS_SETTING_EC2_METADATA_SERVICE_ENDPOINT_MODE,
		  "ipv6", AWS_FROM_ENV, NULL },
	};

	check_rows(rows, HS_ARRAY_SIZE(rows));
}

static void
test_s3_and_pager(void)
{
	static const struct row rows[] = {
		{ "dev", NULL, { NULL }, AWS_SETTING_S3_ADDRESSING_STYLE, "path",
		  AWS_FROM_PROFILE, "s3.addressing_style" },
		{ NULL, NULL, { NULL }, AWS_SETTING_S3_ADDRESSING_STYLE, "auto",
		  AWS_FROM_DEFAULT, NULL },
		/* The plain key is read before the s3 sub-section. */
		{ "dev", NULL, { NULL },
		  AWS_SETTING_S3_US_EAST_1_REGIONAL_ENDPOINT, "regional",
		  AWS_FROM_PROFILE, "s3_us_east_1_regional_endpoint" },
		{ "dev", NULL, { "AWS_S3_US_EAST_1_REGIONAL_ENDPOINT", "legacy" },
		  AWS_SETTING_S3_US_EAST_1_REGIONAL_ENDPOINT, "legacy",
		  AWS_FROM_ENV, NULL },
		/* AWS_PAGER="" means no pager; cli_pager= too; PAGER last. */
		{ NULL, NULL, { "AWS_PAGER", "", "PAGER", "more" },
		  AWS_SETTING_CLI_PAGER, "", AWS_FROM_ENV, "AWS_PAGER" },
		{ "dev", NULL, { "PAGER", "more" }, AWS_SETTING_CLI_PAGER, "",
		  AWS_FROM_PROFILE, "cli_pager" },
		{ NULL, NULL, { "PAGER", "more" }, AWS_SETTING_CLI_PAGER, "more",
		  AWS_FROM_ENV, "PAGER" },
		{ NULL, NULL, { NULL }, AWS_SETTING_CLI_PAGER, "less -R",
		  AWS_FROM_DEFAULT, NULL },
	};

	check_rows(rows, HS_ARRAY_SIZE(rows));
}

static void
test_bool_and_long(void)
{
	const char *vars[] = { "AWS_PROFILE", "dev", "AWS_USE_DUALSTACK_ENDPOINT",
		"false", NULL };
	struct aws_config_options o;
	struct aws_resolver *res;
	struct aws_setting_value v;
	char *cause = NULL;
	bool b;
	long n;

	memset(&o, 0, sizeof o);
	o.no_verify_ssl = true;
	o.connect_timeout = "0";
	res = resolver(&o, vars);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(aws_resolve_bool(res, AWS_SETTING_USE_FIPS_ENDPOINT,
	    &b, &v, &cause), 0);
	CU_ASSERT(b);
	HS_ASSERT_STR_EQ(v.value, "TRUE");
	CU_ASSERT_EQUAL(aws_resolve_bool(res,
	    AWS_SETTING_USE_DUALSTACK_ENDPOINT, &b, NULL, &cause), 0);
	CU_ASSERT(!b);
	CU_ASSERT_EQUAL(aws_resolve_bool(res, AWS_SETTING_VERIFY_SSL, &b, &v,
	    &cause), 0);
	CU_ASSERT(!b);
	HS_ASSERT_STR_EQ(v.from, "--no-verify-ssl");
	CU_ASSERT_EQUAL(aws_resolve_bool(res,
	    AWS_SETTING_IGNORE_CONFIGURED_ENDPOINT_URLS, &b, NULL, &cause), 0);
	CU_ASSERT(!b);
	CU_ASSERT_EQUAL(aws_resolve_long(res, AWS_SETTING_MAX_ATTEMPTS, &n,
	    NULL, &cause), 0);
	CU_ASSERT_EQUAL(n, 7);
	CU_ASSERT_EQUAL(aws_resolve_long(res, AWS_SETTING_CONNECT_TIMEOUT, &n,
	    NULL, &cause), 0);
	CU_ASSERT_EQUAL(n, 0);
	CU_ASSERT_EQUAL(aws_resolve_long(res,
	    AWS_SETTING_METADATA_SERVICE_TIMEOUT, &n, NULL, &cause), 0);
	CU_ASSERT_EQUAL(n, 1);
	aws_resolver_free(res);
}

static void
test_invalid_values(void)
{
	static const struct { const char *profile, *env[3];
		enum aws_setting s; const char *msg; } cases[] = {
		{ "bad", { NULL }, AWS_SETTING_OUTPUT, "invalid output 'xml' from "
		  "[profile bad] (" },
		{ "bad", { NULL }, AWS_SETTING_MAX_ATTEMPTS, "invalid "
		  "max_attempts '0' "
		  "from [profile bad] (" },
		{ "bad", { NULL }, AWS_SETTING_USE_FIPS_ENDPOINT, "invalid "
		  "use_fips_endpoint 'yes' from [profile bad] (" },
		{ "bad", { NULL }, AWS_SETTING_REGION,
		  "invalid region 'us east 1'" },
		{ NULL, { "AWS_MAX_ATTEMPTS", "abc" }, AWS_SETTING_MAX_ATTEMPTS,
		  "invalid max_attempts 'abc' from AWS_MAX_ATTEMPTS: expected a "
		  "whole number of at least 1" },
		{ NULL, { "AWS_RETRY_MODE", "fast" }, AWS_SETTING_RETRY_MODE,
		  "invalid retry_mode 'fast' from AWS_RETRY_MODE: expected one "
		  "of standard, legacy, adaptive" },
		{ NULL, { "AWS_REGION", "123" }, AWS_SETTING_REGION,
		  "invalid region '123' from AWS_REGION" },
		{ NULL, { "AWS_RETRY_MODE", "fast" }, AWS_SETTING_MAX_ATTEMPTS,
		  "invalid retry_mode 'fast'" },
	};
	struct aws_config_options o;
	size_t i;

	memset(&o, 0, sizeof o);
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct aws_resolver *res;
		struct aws_setting_value v;
		char *cause = NULL;

		o.profile = cases[i].profile;
		res = resolver(&o, cases[i].env);
		if (res == NULL)
			continue;
		CU_ASSERT_EQUAL(aws_resolve(res, cases[i].s, &v, &cause), -1);
		CU_ASSERT_PTR_NOT_NULL_FATAL(cause);
		if (!hs_starts_with(cause, cases[i].msg))
			printf("# got '%s'\n", cause);
		CU_ASSERT(hs_starts_with(cause, cases[i].msg));
		free(cause);
		aws_resolver_free(res);
	}
}

/* Resolve the endpoint URL of service_id with options and environment. */
static void
check_endpoint(const char *profile, const char *opt,
    const char *const *vars,
    const char *service_id, const char *want, enum aws_setting_source src,
    const char *from)
{
	struct aws_config_options o;
	struct aws_resolver *res;
	struct aws_setting_value v;
	char *cause = NULL;

	memset(&o, 0, sizeof o);
	o.profile = profile;
	o.endpoint_url = opt;
	res = resolver(&o, vars);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL_FATAL(aws_resolve_endpoint_url(res, service_id, &v,
	    &cause), 0);
	if (want == NULL) {
		CU_ASSERT_PTR_NULL(v.value);
	} else {
		HS_ASSERT_STR_EQ(v.value, want);
		HS_ASSERT_STR_EQ(v.from, from);
	}
	CU_ASSERT_EQUAL(v.source, src);
	aws_resolver_free(res);
}

static void
test_endpoint_url_order(void)
{
	const char *both[] = { "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://svc",
		"AWS_ENDPOINT_URL", "http://global", NULL };
	const char *global[] = { "AWS_ENDPOINT_URL", "http://global", NULL };
	const char *other[] = { "AWS_ENDPOINT_URL_S3", "http://s3", NULL };
	const char *ignore[] = { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true",
		"AWS_ENDPOINT_URL", "http://global", NULL };
	const char *empty[] = { "AWS_ENDPOINT_URL", "", NULL };

	/* --endpoint-url beats everything, even the ignore flag. */
	check_endpoint("dev", "http://opt", ignore, "CloudWatch Logs",
	    "http://opt", AWS_FROM_OPTION, "--endpoint-url");
	/* AWS_ENDPOINT_URL_<SERVICE ID>, spaces to underscores. */
	check_endpoint("dev", NULL, both, "CloudWatch Logs", "http://svc",
	    AWS_FROM_ENV, "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS");
	check_endpoint("dev", NULL, global, "CloudWatch Logs", "http://global",
	    AWS_FROM_ENV, "AWS_ENDPOINT_URL");
	/* Another service's variable does not apply. */
	check_endpoint(NULL, NULL, other, "CloudWatch Logs", NULL,
	    AWS_FROM_NONE, NULL);
	check_endpoint(NULL, NULL, other, "S3", "http://s3", AWS_FROM_ENV,
	    "AWS_ENDPOINT_URL_S3");
	/* [services local] of the profile, then the profile's own. */
	check_endpoint("dev", NULL, NULL, "CloudWatch Logs",
	    "http://logs.local:4566", AWS_FROM_SERVICES, "endpoint_url");
	check_endpoint("dev", NULL, NULL, "Lambda", "http://profile.example:1",
	    AWS_FROM_PROFILE, "endpoint_url");
	/* An empty endpoint_url in [services] is no endpoint. */
	check_endpoint("dev", NULL, empty, "S3", "http://profile.example:1",
	    AWS_FROM_PROFILE, "endpoint_url");
	/* ignore_configured_endpoint_urls: env or profile. */
	check_endpoint("dev", NULL, ignore, "Lambda", NULL, AWS_FROM_NONE,
	    NULL);
	check_endpoint("legacy", NULL, global, "Lambda", NULL, AWS_FROM_NONE,
	    NULL);
	check_endpoint(NULL, NULL, NULL, "Lambda", NULL, AWS_FROM_NONE, NULL);
}

static void
test_endpoint_missing_services(void)
{
	struct aws_config_options o;
	struct aws_resolver *res;
	struct aws_setting_value v;
	char *cause = NULL;

	memset(&o, 0, sizeof o);
	o.profile = "bad";
	res = resolver(&o, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(aws_resolve_endpoint_url(res, "S3", &v, &cause), -1);
	CU_ASSERT(hs_starts_with(cause, "the profile is configured to use the "
	    "services section but the \"missing\" services configuration "
	    "does not exist ("));
	free(cause);
	aws_resolver_free(res);
}

static void
test_describe(void)
{
	const char *vars[] = { "AWS_REGION", "eu-west-3", NULL };
	struct aws_resolver *res = resolver(NULL, vars);
	struct aws_setting_value v;
	char *cause = NULL, *s, *want;

	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_REGION, &v, &cause), 0);
	s = aws_setting_describe("region", &v);
	HS_ASSERT_STR_EQ(s, "region from AWS_REGION");
	free(s);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_OUTPUT, &v, &cause), 0);
	s = aws_setting_describe(aws_setting_name(AWS_SETTING_OUTPUT), &v);
	want = hs_xasprintf("output from [default] (%s:3)",
	    aws_config_path(fixture(), AWS_CONFIG_KIND_CONFIG));
	HS_ASSERT_STR_EQ(s, want);
	free(s);
	free(want);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_CA_BUNDLE, &v, &cause), 0);
	s = aws_setting_describe("ca_bundle", &v);
	HS_ASSERT_STR_EQ(s, "ca_bundle: not set");
	free(s);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_RETRY_MODE, &v, &cause),
	    0);
	s = aws_setting_describe(NULL, &v);
	HS_ASSERT_STR_EQ(s, "value from the default");
	free(s);
	HS_ASSERT_STR_EQ(aws_setting_name(AWS_SETTING_S3_ADDRESSING_STYLE),
	    "s3.addressing_style");
	HS_ASSERT_STR_EQ(aws_resolver_profile(res), "default");
	CU_ASSERT_PTR_EQUAL(aws_resolver_config(res), fixture());
	aws_resolver_free(res);
}

static void
test_answers_are_stable(void)
{
	/* Values are copied: changing the environment later changes nothing. */
	const char *vars[] = { "AWS_REGION", NULL, NULL };
	char region[16] = "us-west-2";
	struct aws_resolver *res;
	struct aws_setting_value a, b;
	char *cause = NULL;

	vars[1] = region;
	res = resolver(NULL, vars);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_REGION, &a, &cause), 0);
	memcpy(region, "xx-bad-9", 9);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_REGION, &b, &cause), 0);
	HS_ASSERT_STR_EQ(b.value, "us-west-2");
	CU_ASSERT_PTR_EQUAL(a.value, b.value);
	aws_resolver_free(res);
}

static void
test_empty_config(void)
{
	struct aws_config *empty = aws_config_new_empty();
	struct aws_env env = { fake_get, NULL };
	struct aws_resolver *res = NULL;
	struct aws_setting_value v;
	char *cause = NULL;

	CU_ASSERT_EQUAL_FATAL(aws_resolver_new(&res, empty, NULL, &env,
	    &cause), 0);
	CU_ASSERT_EQUAL(aws_resolve(res, AWS_SETTING_REGION, &v, &cause), 0);
	CU_ASSERT_EQUAL(v.source, AWS_FROM_NONE);
	aws_resolver_free(res);
	aws_config_free(empty);
}

/* Free the fixture when the suite ends. */
static int
free_fixture(void)
{
	aws_config_free(cfg);
	cfg = NULL;
	return 0;
}

static const struct hs_unit_case cases[] = {
	{ "region", test_region },
	{ "profile", test_profile },
	{ "profile-not-found", test_profile_not_found },
	{ "defaults-and-retry", test_defaults_and_retry },
	{ "s3-and-pager", test_s3_and_pager },
	{ "bool-and-long", test_bool_and_long },
	{ "invalid-values", test_invalid_values },
	{ "endpoint-url-order", test_endpoint_url_order },
	{ "endpoint-missing-services", test_endpoint_missing_services },
	{ "describe", test_describe },
	{ "answers-are-stable", test_answers_are_stable },
	{ "empty-config", test_empty_config },
};

void
hs_unit_register(void)
{
	CU_pSuite suite = CU_add_suite("config-resolve", NULL, free_fixture);
	size_t i;

	if (suite == NULL)
		BUG("cannot add the config-resolve suite");
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++)
		if (CU_add_test(suite, cases[i].name, cases[i].fn) == NULL)
			BUG("cannot add test '%s'", cases[i].name);
}
