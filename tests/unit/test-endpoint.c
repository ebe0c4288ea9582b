/*
 * test-endpoint.c: endpoint resolution from botocore's endpoints.json
 * ($BOTOCORE_DATA, exported by make check) and the model metadata; S3
 * bucket addressing; the configured-URL overrides through a resolver;
 * applying an endpoint to a request.
 *
 * The expected hosts and signing scopes are what the AWS CLI (botocore
 * 1.43) sent for the same service, region and settings, observed with a
 * before-send hook; where the CLI's newer rule sets disagree with
 * endpoints.json the case says so.
 */
#include "hs-common.h"
#include "harness.h"
#include "aws/endpoint.h"
#include "aws/sigv4.h"

static struct aws_endpoints *eps;

/* endpoints.json from $BOTOCORE_DATA, or NULL (the test then skips). */
static struct aws_endpoints *
data(void)
{
	const char *dir = getenv("BOTOCORE_DATA");
	char *path, *cause = NULL;

	if (eps != NULL)
		return eps;
	if (dir == NULL || *dir == '\0') {
		hs_unit_skip("BOTOCORE_DATA is not set: no endpoints.json");
		return NULL;
	}
	path = hs_xasprintf("%s/endpoints.json", dir);
	if (aws_endpoints_load(&eps, path, &cause) < 0) {
		printf("# %s\n", cause);
		CU_FAIL("cannot load endpoints.json");
		free(cause);
	}
	free(path);
	return eps;
}

static const struct aws_service_meta iam = { "IAM", "iam", NULL,
	"iam.amazonaws.com" };
static const struct aws_service_meta sts = { "STS", "sts", NULL,
	"sts.amazonaws.com" };
static const struct aws_service_meta s3 = { "S3", "s3", NULL,
	"s3.amazonaws.com" };
static const struct aws_service_meta logs = { "CloudWatch Logs", "logs",
	NULL, NULL };
static const struct aws_service_meta ecr = { "ECR", "api.ecr", "ecr", NULL };
static const struct aws_service_meta lambda = { "Lambda", "lambda",
	"lambda", NULL };
static const struct aws_service_meta cloudfront = { "CloudFront",
	"cloudfront", "cloudfront", "cloudfront.amazonaws.com" };
static const struct aws_service_meta route53 = { "Route 53", "route53",
	NULL, "route53.amazonaws.com" };
static const struct aws_service_meta newglobal = { "New Global",
	"newglobal", NULL, "newglobal.amazonaws.com" };
static const struct aws_service_meta newregional = { "New Regional",
	"newregional", NULL, NULL };

enum { FIPS = 1, DUAL = 2, S3REGIONAL = 4, STSLEGACY = 8 };

static const struct {
	const struct aws_service_meta *meta;
	const char *region;
	unsigned flags;
	const char *url;
	const char *want;	/* scheme://host[:port]path, or NULL: error */
	const char *scope;	/* signing region/service, or the error */
	const char *partition;
} cases[] = {
	/* Global services sign for their partition's home region. */
	{ &iam, "us-east-1", 0, NULL, "https://iam.amazonaws.com",
	  "us-east-1/iam", "aws" },
	{ &iam, "eu-west-1", 0, NULL, "https://iam.amazonaws.com",
	  "us-east-1/iam", "aws" },
	{ &iam, NULL, 0, NULL, "https://iam.amazonaws.com", "us-east-1/iam",
	  "aws" },
	{ &iam, "us-east-1", FIPS, NULL, "https://iam-fips.amazonaws.com",
	  "us-east-1/iam", "aws" },
	{ &iam, "cn-north-1", 0, NULL, "https://iam.cn-north-1.amazonaws.com.cn",
	  "cn-north-1/iam", "aws-cn" },
	{ &iam, "us-gov-west-1", 0, NULL, "https://iam.us-gov.amazonaws.com",
	  "us-gov-west-1/iam", "aws-us-gov" },
	{ &iam, "us-gov-east-1", FIPS, NULL,
	  "https://iam.us-gov.amazonaws.com", "us-gov-west-1/iam",
	  "aws-us-gov" },
	{ &cloudfront, "eu-west-1", 0, NULL, "https://cloudfront.amazonaws.com",
	  "us-east-1/cloudfront", "aws" },
	{ &route53, "cn-north-1", 0, NULL, "https://route53.amazonaws.com.cn",
	  "cn-northwest-1/route53", "aws-cn" },
	/* STS: regional, except with sts_regional_endpoints = legacy. */
	{ &sts, "us-east-1", 0, NULL, "https://sts.us-east-1.amazonaws.com",
	  "us-east-1/sts", "aws" },
	{ &sts, "us-east-1", STSLEGACY, NULL, "https://sts.amazonaws.com",
	  "us-east-1/sts", "aws" },
	{ &sts, "ap-east-1", STSLEGACY, NULL,
	  "https://sts.ap-east-1.amazonaws.com", "ap-east-1/sts", "aws" },
	{ &sts, "eu-west-1", FIPS, NULL, "https://sts-fips.eu-west-1.amazonaws.com",
	  "eu-west-1/sts", "aws" },
	{ &sts, NULL, 0, NULL, "https://sts.amazonaws.com", "us-east-1/sts",
	  "aws" },
	/* Regional services; partitions and their DNS suffixes. */
	{ &logs, "eu-west-1", 0, NULL, "https://logs.eu-west-1.amazonaws.com",
	  "eu-west-1/logs", "aws" },
	{ &logs, "eu-west-1", FIPS, NULL,
	  "https://logs-fips.eu-west-1.amazonaws.com", "eu-west-1/logs", "aws" },
	{ &logs, "cn-north-1", FIPS, NULL,
	  "https://logs-fips.cn-north-1.amazonaws.com.cn", "cn-north-1/logs",
	  "aws-cn" },
	{ &logs, "us-gov-west-1", FIPS, NULL,
	  "https://logs.us-gov-west-1.amazonaws.com", "us-gov-west-1/logs",
	  "aws-us-gov" },
	{ &logs, NULL, 0, NULL, NULL, "you must specify a region", NULL },
	{ &lambda, "cn-northwest-1", 0, NULL,
	  "https://lambda.cn-northwest-1.amazonaws.com.cn",
	  "cn-northwest-1/lambda", "aws-cn" },
	/* A region in no partition: the aws partition's template. */
	{ &lambda, "xx-foo-1", 0, NULL, "https://lambda.xx-foo-1.amazonaws.com",
	  "xx-foo-1/lambda", "aws" },
	{ &lambda, "bad_region", 0, NULL, NULL, "invalid region 'bad_region'",
	  NULL },
	{ &lambda, "eu-west-1", DUAL, NULL,
	  "https://lambda.eu-west-1.api.aws", "eu-west-1/lambda", "aws" },
	/* signingName differs from endpointPrefix. FIPS: endpoints.json's
	 * variant says ecr-fips.us-east-1.amazonaws.com, which is what the
	 * AWS CLI v2 (2.9) resolves; CLI v1 (botocore 1.43's rule set) says
	 * api.ecr-fips.us-east-1.amazonaws.com. Both hosts are AWS's FIPS
	 * endpoints for ECR; hipaa-shell follows v2, as config.h says for
	 * every v1/v2 difference. */
	{ &ecr, "eu-west-1", 0, NULL, "https://api.ecr.eu-west-1.amazonaws.com",
	  "eu-west-1/ecr", "aws" },
	{ &ecr, "us-east-1", FIPS, NULL, "https://ecr-fips.us-east-1.amazonaws.com",
	  "us-east-1/ecr", "aws" },
	/* S3: the global endpoint for us-east-1 and no region. */
	{ &s3, "eu-west-1", 0, NULL, "https://s3.eu-west-1.amazonaws.com",
	  "eu-west-1/s3", "aws" },
	{ &s3, "us-east-1", 0, NULL, "https://s3.amazonaws.com", "us-east-1/s3",
	  "aws" },
	{ &s3, NULL, 0, NULL, "https://s3.amazonaws.com", "us-east-1/s3",
	  "aws" },
	{ &s3, "us-east-1", S3REGIONAL, NULL,
	  "https://s3.us-east-1.amazonaws.com", "us-east-1/s3", "aws" },
	{ &s3, "us-east-1", FIPS, NULL, "https://s3-fips.us-east-1.amazonaws.com",
	  "us-east-1/s3", "aws" },
	{ &s3, NULL, FIPS, NULL, "https://s3-fips.us-east-1.amazonaws.com",
	  "us-east-1/s3", "aws" },
	{ &s3, "cn-north-1", 0, NULL, "https://s3.cn-north-1.amazonaws.com.cn",
	  "cn-north-1/s3", "aws-cn" },
	{ &s3, "us-gov-west-1", FIPS, NULL,
	  "https://s3-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1/s3",
	  "aws-us-gov" },
	{ &s3, "eu-west-1", DUAL, NULL,
	  "https://s3.dualstack.eu-west-1.amazonaws.com", "eu-west-1/s3", "aws" },
	/* The model's globalEndpoint for a service endpoints.json lacks. */
	{ &newglobal, "eu-west-1", 0, NULL, "https://newglobal.amazonaws.com",
	  "us-east-1/newglobal", "aws" },
	{ &newglobal, "cn-north-1", 0, NULL,
	  "https://newglobal.cn-north-1.amazonaws.com.cn",
	  "cn-north-1/newglobal", "aws-cn" },
	{ &newregional, "eu-west-1", 0, NULL,
	  "https://newregional.eu-west-1.amazonaws.com",
	  "eu-west-1/newregional", "aws" },
	/* A configured URL: the configured region, FIPS ignored. */
	{ &iam, "eu-west-1", FIPS, "http://localhost:1",
	  "http://localhost:1", "eu-west-1/iam", NULL },
	{ &logs, "eu-west-1", 0, "http://localhost:4566/x/",
	  "http://localhost:4566/x/", "eu-west-1/logs", NULL },
	{ &ecr, "eu-west-1", 0, "https://[::1]:8443",
	  "https://[::1]:8443", "eu-west-1/ecr", NULL },
	{ &s3, NULL, 0, "http://127.0.0.1:4566", "http://127.0.0.1:4566",
	  "us-east-1/s3", NULL },
	{ &logs, NULL, 0, "http://localhost:1", NULL,
	  "you must specify a region to sign requests to", NULL },
	{ &logs, "eu-west-1", 0, "ftp://x", NULL, "invalid endpoint URL", NULL },
};

/* Render an endpoint as scheme://host[:port]path. */
static char *
url_of(const struct aws_endpoint *ep)
{
	if (ep->port != 0)
		return hs_xasprintf("%s://%s:%d%s", ep->scheme, ep->host,
		    ep->port, ep->path);
	return hs_xasprintf("%s://%s%s", ep->scheme, ep->host, ep->path);
}

static void
test_resolve_table(void)
{
	size_t i;

	if (data() == NULL)
		return;
	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct aws_endpoint_params p;
		struct aws_endpoint ep = AWS_ENDPOINT_INIT;
		char *cause = NULL, *url, *scope;
		int rc;

		memset(&p, 0, sizeof p);
		p.region = cases[i].region;
		p.endpoint_url = cases[i].url;
		p.use_fips = cases[i].flags & FIPS;
		p.use_dualstack = cases[i].flags & DUAL;
		p.s3_us_east_1_regional = cases[i].flags & S3REGIONAL;
		p.sts_legacy = cases[i].flags & STSLEGACY;
		printf("# case %zu: %s %s\n", i, cases[i].meta->endpoint_prefix,
		    cases[i].region ? cases[i].region : "-");
		rc = aws_endpoint_resolve_params(data(), cases[i].meta, &p, &ep,
		    &cause);
		if (cases[i].want == NULL) {
			CU_ASSERT_EQUAL(rc, -1);
			CU_ASSERT(cause && hs_starts_with(cause,
			    cases[i].scope));
			if (cause)
				printf("#   %s\n", cause);
			free(cause);
			continue;
		}
		CU_ASSERT_EQUAL_FATAL(rc, 0);
		url = url_of(&ep);
		scope = hs_xasprintf("%s/%s", ep.signing_region,
		    ep.signing_service);
		HS_ASSERT_STR_EQ(url, cases[i].want);
		HS_ASSERT_STR_EQ(scope, cases[i].scope);
		if (cases[i].partition != NULL) {
			HS_ASSERT_STR_EQ(ep.partition, cases[i].partition);
		} else {
			CU_ASSERT(ep.configured);
		}
		free(url);
		free(scope);
		aws_endpoint_clear(&ep);
	}
}

static void
test_missing_variant(void)
{
	struct aws_endpoint_params p;
	struct aws_endpoint ep = AWS_ENDPOINT_INIT;
	char *cause = NULL;

	if (data() == NULL)
		return;
	/* aws-iso-e has FIPS variants but no dual-stack ones. */
	memset(&p, 0, sizeof p);
	p.region = "eu-isoe-west-1";
	p.use_dualstack = true;
	CU_ASSERT_EQUAL(aws_endpoint_resolve_params(data(), &logs, &p, &ep,
	    &cause), -1);
	CU_ASSERT(hs_starts_with(cause, "there is no dual-stack endpoint for "
	    "'logs' in 'eu-isoe-west-1'"));
	free(cause);
}

static void
test_partitions(void)
{
	if (data() == NULL)
		return;
	HS_ASSERT_STR_EQ(aws_endpoints_partition_of(data(), "eu-west-1"), "aws");
	HS_ASSERT_STR_EQ(aws_endpoints_partition_of(data(), "us-west-9"), "aws");
	HS_ASSERT_STR_EQ(aws_endpoints_partition_of(data(), "cn-north-1"),
	    "aws-cn");
	HS_ASSERT_STR_EQ(aws_endpoints_partition_of(data(), "us-gov-east-1"),
	    "aws-us-gov");
	HS_ASSERT_STR_EQ(aws_endpoints_partition_of(data(), "us-iso-east-1"),
	    "aws-iso");
	CU_ASSERT_PTR_NULL(aws_endpoints_partition_of(data(), "xx-foo-1"));
	CU_ASSERT_PTR_NULL(aws_endpoints_partition_of(data(), "us-west-x"));
	HS_ASSERT_STR_EQ(aws_endpoints_dns_suffix(data(), "aws-cn"),
	    "amazonaws.com.cn");
	HS_ASSERT_STR_EQ(aws_endpoints_dns_suffix(data(), "aws-us-gov"),
	    "amazonaws.com");
	CU_ASSERT_PTR_NULL(aws_endpoints_dns_suffix(data(), "nope"));
}

static void
test_load_errors(void)
{
	struct aws_endpoints *e = NULL;
	char *cause = NULL, *path = hs_xasprintf("%s/bad.json",
	    hs_unit_tmpdir());
	FILE *f;

	CU_ASSERT_EQUAL(aws_endpoints_load(&e, "/nonexistent.json", &cause),
	    -1);
	CU_ASSERT(hs_starts_with(cause, "cannot open '/nonexistent.json'"));
	free(cause);
	f = fopen(path, "w");
	fputs("{\"version\": 3}", f);
	fclose(f);
	CU_ASSERT_EQUAL(aws_endpoints_load(&e, path, &cause), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cause, "not an endpoints.json file"));
	CU_ASSERT_PTR_NULL(e);
	free(cause);
	free(path);
}

/* An endpoint for bucket tests, without endpoints.json. */
static void
s3_endpoint(struct aws_endpoint *ep, const char *url,
    enum aws_s3_addressing style)
{
	struct aws_request r = AWS_REQUEST_INIT;
	char *cause = NULL;

	memset(ep, 0, sizeof *ep);
	ep->s3 = true;
	ep->s3_addressing = style;
	ep->configured = url != NULL;
	if (aws_request_set_endpoint(&r, url ? url :
	    "https://s3.eu-west-1.amazonaws.com", &cause) < 0)
		BUG("%s", cause);
	ep->scheme = hs_xstrdup(r.scheme);
	ep->host = hs_xstrdup(r.host);
	ep->port = r.port;
	ep->path = hs_xstrdup(r.path ? r.path : "");
	ep->signing_service = hs_xstrdup("s3");
	ep->signing_region = hs_xstrdup("eu-west-1");
	aws_request_clear(&r);
}

static void
test_s3_addressing(void)
{
	static const struct {
		const char *url;
		enum aws_s3_addressing style;
		const char *bucket;
		bool virt;
	} rows[] = {
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my-bucket", true },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my--bucket", true },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my.bucket", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "My_Bucket", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "MyBucket", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "192.168.1.1", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "ab", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "-mybucket", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "mybucket-", false },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "a234567890123456789012345678901"
		  "234567890123456789012345678901234", false },
		{ NULL, AWS_S3_ADDRESSING_VIRTUAL, "my.bucket", false },
		{ NULL, AWS_S3_ADDRESSING_PATH, "my-bucket", false },
		/* A configured URL: path style unless virtual is asked for. */
		{ "http://127.0.0.1:4566", AWS_S3_ADDRESSING_AUTO, "my-bucket",
		  false },
		{ "http://127.0.0.1:4566", AWS_S3_ADDRESSING_VIRTUAL,
		  "my.bucket", true },
		{ "https://s3.example.com", AWS_S3_ADDRESSING_VIRTUAL,
		  "my.bucket", false },
		{ "https://s3.example.com", AWS_S3_ADDRESSING_VIRTUAL,
		  "my-bucket", true },
		{ "http://s3.example.com", AWS_S3_ADDRESSING_VIRTUAL,
		  "a..b", false },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(rows); i++) {
		struct aws_endpoint ep;

		s3_endpoint(&ep, rows[i].url, rows[i].style);
		if (aws_endpoint_s3_virtual(&ep, rows[i].bucket) != rows[i].virt)
			printf("# row %zu: %s\n", i, rows[i].bucket);
		CU_ASSERT_EQUAL(aws_endpoint_s3_virtual(&ep, rows[i].bucket),
		    rows[i].virt);
		aws_endpoint_clear(&ep);
	}
}

static void
test_apply(void)
{
	static const struct {
		const char *url;
		enum aws_s3_addressing style;
		const char *bucket, *path, *want;
	} rows[] = {
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my-bucket", "/my-bucket/a%20b/c",
		  "https://my-bucket.s3.eu-west-1.amazonaws.com/a%20b/c" },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my-bucket", "/my-bucket",
		  "https://my-bucket.s3.eu-west-1.amazonaws.com/" },
		{ NULL, AWS_S3_ADDRESSING_AUTO, "my.bucket", "/my.bucket/k",
		  "https://s3.eu-west-1.amazonaws.com/my.bucket/k" },
		{ NULL, AWS_S3_ADDRESSING_AUTO, NULL, "/",
		  "https://s3.eu-west-1.amazonaws.com/" },
		{ "http://127.0.0.1:4566", AWS_S3_ADDRESSING_AUTO, "my-bucket",
		  "/my-bucket/k", "http://127.0.0.1:4566/my-bucket/k" },
		{ "http://127.0.0.1:4566/base", AWS_S3_ADDRESSING_AUTO, NULL, "/",
		  "http://127.0.0.1:4566/base" },
		{ "http://127.0.0.1:4566/base/", AWS_S3_ADDRESSING_AUTO,
		  "b-1", "/b-1/k", "http://127.0.0.1:4566/base/b-1/k" },
		{ "http://127.0.0.1:4566/base", AWS_S3_ADDRESSING_VIRTUAL,
		  "b-1", "/b-1/k", "http://b-1.127.0.0.1:4566/base/k" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(rows); i++) {
		struct aws_endpoint ep;
		struct aws_request r = AWS_REQUEST_INIT;
		char *cause = NULL, *url;

		s3_endpoint(&ep, rows[i].url, rows[i].style);
		aws_request_set_path(&r, rows[i].path);
		aws_kvlist_add(&r.headers, "Host", "stale.example");
		CU_ASSERT_EQUAL_FATAL(aws_endpoint_apply(&ep, &r,
		    rows[i].bucket, &cause), 0);
		url = aws_request_url(&r);
		HS_ASSERT_STR_EQ(url, rows[i].want);
		HS_ASSERT_STR_EQ(r.signing_service, "s3");
		HS_ASSERT_STR_EQ(r.signing_region, "eu-west-1");
		CU_ASSERT_PTR_NULL(aws_kvlist_get(&r.headers, "Host"));
		free(url);
		aws_request_clear(&r);
		aws_endpoint_clear(&ep);
	}
}

static void
test_apply_wrong_path(void)
{
	struct aws_endpoint ep;
	struct aws_request r = AWS_REQUEST_INIT;
	char *cause = NULL;

	s3_endpoint(&ep, NULL, AWS_S3_ADDRESSING_AUTO);
	aws_request_set_path(&r, "/my-bucket2/k");
	CU_ASSERT_EQUAL(aws_endpoint_apply(&ep, &r, "my-bucket", &cause), -1);
	HS_ASSERT_STR_EQ(cause, "cannot address bucket 'my-bucket': the "
	    "request path '/my-bucket2/k' does not start with it");
	free(cause);
	CU_ASSERT_PTR_NULL(r.host);
	aws_request_clear(&r);
	aws_endpoint_clear(&ep);
}

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

/* Resolve meta with a config text, options and environment. */
static int
resolve_with(const struct aws_service_meta *meta, const char *config,
    const struct aws_config_options *o, const char *const *vars,
    struct aws_endpoint *ep, char **cause)
{
	char *cp = hs_xasprintf("%s/config", hs_unit_tmpdir());
	struct aws_env env = { fake_get, (void *)vars };
	struct aws_config *cfg = NULL;
	struct aws_resolver *res = NULL;
	FILE *f = fopen(cp, "w");
	int rc = -1;

	fputs(config, f);
	fclose(f);
	if (aws_config_load(&cfg, cp, "/nonexistent", cause) == 0 &&
	    aws_resolver_new(&res, cfg, o, &env, cause) == 0)
		rc = aws_endpoint_resolve(data(), meta, res, ep, cause);
	aws_resolver_free(res);
	aws_config_free(cfg);
	free(cp);
	return rc;
}

static void
test_resolver_overrides(void)
{
	static const char config[] = "[default]\nregion = us-east-1\n"
	    "[profile local]\nregion = eu-west-1\nendpoint_url = "
	    "http://profile:1\ns3 =\n  addressing_style = virtual\n"
	    "[profile fips]\nregion = us-east-1\nuse_fips_endpoint = true\n";
	const char *s3env[] = { "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:4566",
		NULL };
	const char *ignore[] = { "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true",
		"AWS_PROFILE", "local", NULL };
	const char *fipsenv[] = { "AWS_USE_FIPS_ENDPOINT", "true", NULL };
	struct aws_config_options o;
	struct aws_endpoint ep = AWS_ENDPOINT_INIT;
	char *cause = NULL;

	if (data() == NULL)
		return;
	memset(&o, 0, sizeof o);
	/* AWS_ENDPOINT_URL_S3 applies to S3 only; S3 then uses path style. */
	CU_ASSERT_EQUAL_FATAL(resolve_with(&s3, config, &o, s3env, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "127.0.0.1");
	CU_ASSERT_EQUAL(ep.port, 4566);
	HS_ASSERT_STR_EQ(ep.source, "endpoint from AWS_ENDPOINT_URL_S3");
	CU_ASSERT(!aws_endpoint_s3_virtual(&ep, "my-bucket"));
	CU_ASSERT_EQUAL_FATAL(resolve_with(&iam, config, &o, s3env, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "iam.amazonaws.com");
	HS_ASSERT_STR_EQ(ep.source, "endpoint from endpoints.json (partition "
	    "aws, iam aws-global)");
	/* The profile's endpoint_url, and its addressing_style = virtual. */
	o.profile = "local";
	CU_ASSERT_EQUAL_FATAL(resolve_with(&s3, config, &o, NULL, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "profile");
	HS_ASSERT_STR_EQ(ep.signing_region, "eu-west-1");
	CU_ASSERT(hs_starts_with(ep.source, "endpoint from [profile local] ("));
	CU_ASSERT(aws_endpoint_s3_virtual(&ep, "my-bucket"));
	/* --endpoint-url wins over everything and turns FIPS off. */
	o.profile = "fips";
	o.endpoint_url = "http://opt:2";
	CU_ASSERT_EQUAL_FATAL(resolve_with(&iam, config, &o, NULL, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "opt");
	HS_ASSERT_STR_EQ(ep.source, "endpoint from --endpoint-url");
	o.endpoint_url = NULL;
	CU_ASSERT_EQUAL_FATAL(resolve_with(&iam, config, &o, NULL, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "iam-fips.amazonaws.com");
	o.profile = NULL;
	CU_ASSERT_EQUAL_FATAL(resolve_with(&sts, config, &o, fipsenv, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "sts-fips.us-east-1.amazonaws.com");
	/* AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: back to endpoints.json. */
	CU_ASSERT_EQUAL_FATAL(resolve_with(&s3, config, &o, ignore, &ep,
	    &cause), 0);
	HS_ASSERT_STR_EQ(ep.host, "s3.eu-west-1.amazonaws.com");
	CU_ASSERT(!ep.configured);
	aws_endpoint_clear(&ep);
}

static void
test_resolver_errors(void)
{
	const char *bad[] = { "AWS_REGION", "not a region", NULL };
	struct aws_endpoint ep = AWS_ENDPOINT_INIT;
	char *cause = NULL;

	if (data() == NULL)
		return;
	CU_ASSERT_EQUAL(resolve_with(&logs, "", NULL, NULL, &ep, &cause), -1);
	CU_ASSERT(hs_starts_with(cause, "you must specify a region"));
	free(cause);
	CU_ASSERT_EQUAL(resolve_with(&logs, "", NULL, bad, &ep, &cause), -1);
	CU_ASSERT(hs_starts_with(cause, "invalid region 'not a region' from "
	    "AWS_REGION"));
	free(cause);
}

static void
test_resolve_then_sign(void)
{
	struct aws_credentials *c = aws_credentials_new("AKIDEXAMPLE", "s",
	    NULL, 0, "test");
	struct aws_endpoint_params p;
	struct aws_endpoint ep = AWS_ENDPOINT_INIT;
	struct aws_request r = AWS_REQUEST_INIT;
	struct sigv4_params sp;
	char *cause = NULL;

	if (data() == NULL) {
		aws_credentials_release(c);
		return;
	}
	memset(&p, 0, sizeof p);
	p.region = "eu-west-1";
	CU_ASSERT_EQUAL_FATAL(aws_endpoint_resolve_params(data(), &iam, &p,
	    &ep, &cause), 0);
	aws_request_set_method(&r, "POST");
	aws_request_set_path(&r, "/");
	CU_ASSERT_EQUAL_FATAL(aws_endpoint_apply(&ep, &r, NULL, &cause), 0);
	memset(&sp, 0, sizeof sp);
	sp.credentials = c;
	sp.now = 1440938160;
	CU_ASSERT_EQUAL_FATAL(sigv4_sign(&r, &sp, NULL, &cause), 0);
	HS_ASSERT_STR_EQ(aws_kvlist_get(&r.headers, "Host"),
	    "iam.amazonaws.com");
	CU_ASSERT_PTR_NOT_NULL(strstr(aws_kvlist_get(&r.headers,
	    "Authorization"), "Credential=AKIDEXAMPLE/20150830/us-east-1/iam/"
	    "aws4_request"));
	aws_request_clear(&r);
	aws_endpoint_clear(&ep);
	aws_credentials_release(c);
}

/* Free endpoints.json when the suite ends. */
static int
free_data(void)
{
	aws_endpoints_free(eps);
	eps = NULL;
	return 0;
}

static const struct hs_unit_case tests[] = {
	{ "resolve-table", test_resolve_table },
	{ "missing-variant", test_missing_variant },
	{ "partitions", test_partitions },
	{ "load-errors", test_load_errors },
	{ "s3-addressing", test_s3_addressing },
	{ "apply", test_apply },
	{ "apply-wrong-path", test_apply_wrong_path },
	{ "resolver-overrides", test_resolver_overrides },
	{ "resolver-errors", test_resolver_errors },
	{ "resolve-then-sign", test_resolve_then_sign },
};

void
hs_unit_register(void)
{
	CU_pSuite suite = CU_add_suite("endpoint", NULL, free_data);
	size_t i;

	if (suite == NULL)
		BUG("cannot add the endpoint suite");
	for (i = 0; i < HS_ARRAY_SIZE(tests); i++)
		if (CU_add_test(suite, tests[i].name, tests[i].fn) == NULL)
			BUG("cannot add test '%s'", tests[i].name);
}
