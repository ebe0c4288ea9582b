/*
 * test-policy-lint.c: every lint finding, each with cases that must and
 * must not raise it; the blog's role and bucket policies linted.
 */
#include "hs-common.h"
#include "harness.h"
#include "test-policy-util.h"

#include <strings.h>

#define I POLICY_IDENTITY
#define R POLICY_RESOURCE
#define T POLICY_TRUST
#define W POLICY_WARNING
#define E POLICY_ERROR
#define DOC(stmts) "{\"Version\":\"2012-10-17\",\"Statement\":[" stmts "]}"
#define GET_B "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\""
#define FN "arn:aws:lambda:us-east-1:123456789012:function:thumbnail"

/* A fake service model: s3 and lambda with a few operations. */
static const char *const ops_s3[] = { "GetObject", "PutObject", "DeleteObject",
	"ListObjectsV2", "ListBuckets", "GetBucketPolicy", NULL };
static const char *const ops_lambda[] = { "Invoke", "GetFunction", NULL };
static int check_calls;

static enum policy_action_status
fake_models(void *arg, const char *service, const char *action)
{
	const char *const *ops = strcasecmp(service, "s3") == 0 ? ops_s3 :
	    strcasecmp(service, "lambda") == 0 ? ops_lambda : NULL;

	check_calls++;
	if (arg != NULL)
		return POLICY_ACTION_CANNOT_TELL;
	if (ops == NULL)
		return POLICY_ACTION_NO_SERVICE;
	for (; *ops != NULL; ops++)
		if (policy_wildcard_match(action, *ops, true))
			return POLICY_ACTION_KNOWN;
	return POLICY_ACTION_UNKNOWN;
}

struct lint_case {
	const char *name;
	enum policy_type type;
	const char *policy;
	const char *phi;		/* --phi-bucket, or NULL */
	bool models;			/* use the fake service models */
	const char *code;
	int count;			/* how many findings of code */
	enum policy_severity severity;	/* when count > 0 */
	long statement;			/* of the first one */
};

static const struct lint_case cases[] = {
	/* public-allow */
	{ "public/star", R, DOC("{\"Effect\":\"Allow\",\"Principal\":\"*\"," GET_B "}"),
	    NULL, false, "public-allow", 1, E, 0 },
	{ "public/aws-star-tls-only", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"*\"}," GET_B ",\"Condition\":{\"Bool\":"
	    "{\"aws:SecureTransport\":\"true\"}}}"), NULL, false, "public-allow",
	    1, E, 0 },
	{ "public/not-principal", R, DOC("{\"Effect\":\"Allow\",\"NotPrincipal\":"
	    "{\"AWS\":\"111122223333\"}," GET_B "}"), NULL, false, "public-allow",
	    1, E, 0 },
	{ "public/negated-condition", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "\"*\"," GET_B ",\"Condition\":{\"StringNotEquals\":"
	    "{\"aws:SourceAccount\":\"111122223333\"}}}"), NULL, false,
	    "public-allow", 1, E, 0 },
	{ "public/if-exists-condition", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "\"*\"," GET_B ",\"Condition\":{\"StringEqualsIfExists\":"
	    "{\"aws:SourceAccount\":\"111122223333\"}}}"), NULL, false,
	    "public-allow", 1, E, 0 },
	{ "public/trust-policy", T, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"*\"},\"Action\":\"sts:AssumeRole\"}"), NULL, false,
	    "public-allow", 1, E, 0 },
	{ "public/org-condition", R, DOC("{\"Effect\":\"Allow\",\"Principal\":\"*\","
	    GET_B ",\"Condition\":{\"StringEquals\":{\"aws:PrincipalOrgID\":"
	    "\"o-a1b2c3\"}}}"), NULL, false, "public-allow", 0, E, 0 },
	{ "public/ip-condition", R, DOC("{\"Effect\":\"Allow\",\"Principal\":\"*\","
	    GET_B ",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":"
	    "\"203.0.113.0/24\"}}}"), NULL, false, "public-allow", 0, E, 0 },
	{ "public/deny", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\"," GET_B "}"),
	    NULL, false, "public-allow", 0, E, 0 },
	{ "public/named", R, DOC("{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
	    "\"111122223333\"}," GET_B "}"), NULL, false, "public-allow", 0, E, 0 },
	/* wildcard-action */
	{ "wildcard-action/star", I, DOC("{\"Effect\":\"Allow\",\"Action\":\"*\","
	    "\"Resource\":\"arn:aws:s3:::b\"}"), NULL, false, "wildcard-action", 1,
	    E, 0 },
	{ "wildcard-action/service", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:GetObject\",\"s3:*\"],\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL,
	    false, "wildcard-action", 1, W, 0 },
	{ "wildcard-action/deny", I, DOC("{\"Effect\":\"Deny\",\"Action\":\"*\","
	    "\"Resource\":\"*\"}"), NULL, false, "wildcard-action", 0, E, 0 },
	{ "wildcard-action/partial", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:Get*\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, false,
	    "wildcard-action", 0, E, 0 },
	/* wildcard-resource */
	{ "wildcard-resource/star", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":[\"arn:aws:s3:::b/*\",\"*\"]}"), NULL,
	    false, "wildcard-resource", 1, W, 0 },
	{ "wildcard-resource/named", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, false,
	    "wildcard-resource", 0, W, 0 },
	{ "wildcard-resource/deny", I, DOC("{\"Effect\":\"Deny\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"*\"}"), NULL, false,
	    "wildcard-resource", 0, W, 0 },
	/* allow-not-action, allow-not-resource */
	{ "allow-not-action/allow", I, DOC("{\"Effect\":\"Deny\",\"Action\":\"iam:*\","
	    "\"Resource\":\"*\"},{\"Effect\":\"Allow\",\"NotAction\":\"iam:*\","
	    "\"Resource\":\"arn:aws:s3:::b\"}"), NULL, false, "allow-not-action", 1,
	    W, 1 },
	{ "allow-not-action/deny", I, DOC("{\"Effect\":\"Deny\",\"NotAction\":"
	    "\"s3:*\",\"Resource\":\"*\"}"), NULL, false, "allow-not-action", 0, W,
	    0 },
	{ "allow-not-resource/allow", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"NotResource\":\"arn:aws:s3:::phi-demo/*\"}"), NULL,
	    false, "allow-not-resource", 1, W, 0 },
	{ "allow-not-resource/deny", I, DOC("{\"Effect\":\"Deny\",\"Action\":"
	    "\"s3:*\",\"NotResource\":\"arn:aws:s3:::b/*\"}"), NULL, false,
	    "allow-not-resource", 0, W, 0 },
	/* lambda-s3-no-source */
	{ "lambda-s3/no-condition", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\"}"), NULL, false, "lambda-s3-no-source", 1, E,
	    0 },
	{ "lambda-s3/unrelated-condition", R, DOC("{\"Effect\":\"Allow\","
	    "\"Principal\":{\"Service\":\"s3.amazonaws.com\"},\"Action\":"
	    "\"lambda:*\",\"Resource\":\"" FN "\",\"Condition\":{\"Bool\":"
	    "{\"aws:SecureTransport\":\"true\"}}}"), NULL, false,
	    "lambda-s3-no-source", 1, E, 0 },
	{ "lambda-s3/source-arn", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\",\"Condition\":{\"ArnLike\":{\"AWS:SourceArn\":"
	    "\"arn:aws:s3:::phi-demo\"}}}"), NULL, false, "lambda-s3-no-source", 0,
	    E, 0 },
	{ "lambda-s3/source-account", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\",\"Condition\":{\"StringEquals\":"
	    "{\"aws:SourceAccount\":\"123456789012\"}}}"), NULL, false,
	    "lambda-s3-no-source", 0, E, 0 },
	{ "lambda-s3/other-service", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"sns.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\"}"), NULL, false, "lambda-s3-no-source", 0, E,
	    0 },
	{ "lambda-s3/other-action", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:GetFunction\","
	    "\"Resource\":\"" FN "\"}"), NULL, false, "lambda-s3-no-source", 0, E,
	    0 },
	/* object-action-on-bucket-arn */
	{ "object-on-bucket/deny", I, DOC("{\"Effect\":\"Deny\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::phi-demo\"}"), NULL, false,
	    "object-action-on-bucket-arn", 1, E, 0 },
	{ "object-on-bucket/both-arns", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:GetObject\",\"s3:ListBucket\"],\"Resource\":"
	    "[\"arn:aws:s3:::phi-demo\",\"arn:aws:s3:::phi-demo/*\"]}"), NULL, false,
	    "object-action-on-bucket-arn", 0, E, 0 },
	{ "object-on-bucket/wildcard-bucket", I, DOC("{\"Effect\":\"Allow\","
	    "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::phi-*\"}"),
	    NULL, false, "object-action-on-bucket-arn", 0, E, 0 },
	{ "object-on-bucket/wildcard-action", I, DOC("{\"Effect\":\"Allow\","
	    "\"Action\":\"s3:Get*\",\"Resource\":\"arn:aws:s3:::phi-demo\"}"),
	    NULL, false, "object-action-on-bucket-arn", 0, E, 0 },
	{ "object-on-bucket/variable", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b${aws:username}\"}"),
	    NULL, false, "object-action-on-bucket-arn", 0, E, 0 },
	/* bucket-action-on-object-arn */
	{ "bucket-on-object/list", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:ListBucket\",\"s3:GetObject\"],\"Resource\":"
	    "\"arn:aws:s3:::phi-demo/*\"}"), NULL, false,
	    "bucket-action-on-object-arn", 1, E, 0 },
	{ "bucket-on-object/bucket-arn", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:ListBucket\",\"Resource\":\"arn:aws:s3:::phi-demo\"}"), NULL,
	    false, "bucket-action-on-object-arn", 0, E, 0 },
	{ "bucket-on-object/star", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:ListBucket\",\"Resource\":\"*\"}"), NULL, false,
	    "bucket-action-on-object-arn", 0, E, 0 },
	/* unknown-action */
	{ "unknown/allow-typo", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObjekt\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, true,
	    "unknown-action", 1, W, 0 },
	{ "unknown/deny-typo", I, DOC("{\"Effect\":\"Deny\",\"Action\":"
	    "\"s3:PutObjekt\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, true,
	    "unknown-action", 1, E, 0 },
	{ "unknown/allow-notaction-typo", I, DOC("{\"Effect\":\"Allow\","
	    "\"NotAction\":\"s3:DeleteObjekt\",\"Resource\":\"arn:aws:s3:::b/*\"}"),
	    NULL, true, "unknown-action", 1, E, 0 },
	{ "unknown/service", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s4:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, true,
	    "unknown-action", 1, W, 0 },
	{ "unknown/operation-name", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:ListObjectsV2\",\"Resource\":\"arn:aws:s3:::b\"}"), NULL, false,
	    "unknown-action", 1, W, 0 },
	{ "unknown/lambda-invoke", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"lambda:Invoke\",\"Resource\":\"" FN "\"}"), NULL, true,
	    "unknown-action", 1, E, 0 },
	{ "unknown/iam-only-name", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:ListBucket\",\"s3:GetObjectVersion\",\"lambda:InvokeFunction\","
	    "\"s3:PutBucketNotification\"],\"Resource\":\"*\"}"), NULL, true,
	    "unknown-action", 0, W, 0 },
	{ "unknown/known", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:GetObject\",\"S3:putobject\",\"s3:Get*\",\"s3:ListBucket*\"],"
	    "\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, true, "unknown-action", 0,
	    W, 0 },
	{ "unknown/wildcard-nothing", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:Frob*\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, true,
	    "unknown-action", 1, W, 0 },
	{ "unknown/no-models", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObjekt\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL, false,
	    "unknown-action", 0, W, 0 },
	/* malformed-arn */
	{ "arn/s3-region", I, DOC("{\"Effect\":\"Allow\"," "\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:us-east-1::phi-demo/*\"}"),
	    NULL, false, "malformed-arn", 1, E, 0 },
	{ "arn/s3-account", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3::123456789012:phi-demo/*\"}"),
	    NULL, false, "malformed-arn", 1, E, 0 },
	{ "arn/iam-region", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"iam:PassRole\",\"Resource\":"
	    "\"arn:aws:iam:us-east-1:123456789012:role/R\"}"), NULL, false,
	    "malformed-arn", 1, E, 0 },
	{ "arn/account-digits", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"iam:PassRole\",\"Resource\":\"arn:aws:iam::12345:role/R\"}"), NULL,
	    false, "malformed-arn", 1, E, 0 },
	{ "arn/partition", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:awz:s3:::b/*\"}"), NULL, false,
	    "malformed-arn", 1, E, 0 },
	{ "arn/service-case", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:S3:::b/*\"}"), NULL, false,
	    "malformed-arn", 1, E, 0 },
	{ "arn/region-shape", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"lambda:InvokeFunction\",\"Resource\":"
	    "\"arn:aws:lambda:useast1:123456789012:function:f\"}"), NULL, false,
	    "malformed-arn", 1, E, 0 },
	{ "arn/white-space", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/my file\"}"), NULL,
	    false, "malformed-arn", 1, E, 0 },
	{ "arn/condition-value", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\",\"Condition\":{\"ArnLike\":{\"aws:SourceArn\":"
	    "\"arn:aws:s3:us-east-1::phi-demo\"}}}"), NULL, false, "malformed-arn",
	    1, E, 0 },
	{ "arn/good", I, DOC("{\"Effect\":\"Allow\",\"Action\":[\"s3:GetObject\","
	    "\"lambda:InvokeFunction\",\"iam:GetPolicy\",\"s3:GetAccessPoint\"],"
	    "\"Resource\":[\"arn:aws:s3:::phi-demo/*\",\"" FN "\","
	    "\"arn:aws:iam::aws:policy/ReadOnlyAccess\","
	    "\"arn:aws:s3:us-east-1:123456789012:accesspoint/ap\","
	    "\"arn:aws:s3:::b/${aws:username}\",\"arn:*:s3:::b\","
	    "\"arn:aws-us-gov:s3:::b\",\"arn:aws:logs:*:*:log-group:/aws/*\"]}"),
	    NULL, false, "malformed-arn", 0, E, 0 },
	/* phi-unencrypted-upload */
	{ "phi/no-sse-deny", R, DOC("{\"Sid\":\"TLS\",\"Effect\":\"Deny\","
	    "\"Principal\":\"*\",\"Action\":\"s3:*\",\"Resource\":"
	    "\"arn:aws:s3:::phi-demo/*\",\"Condition\":{\"Bool\":"
	    "{\"aws:SecureTransport\":\"false\"}}}"), "phi-demo", false,
	    "phi-unencrypted-upload", 1, E, -1 },
	{ "phi/deny-one-principal", R, DOC("{\"Effect\":\"Deny\",\"Principal\":"
	    "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"},\"Action\":"
	    "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\","
	    "\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":"
	    "\"true\"}}}"), "phi-demo", false, "phi-unencrypted-upload", 1, E, -1 },
	{ "phi/other-bucket", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::other/*\","
	    "\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":"
	    "\"true\"}}}"), "phi-demo", false, "phi-unencrypted-upload", 1, E, -1 },
	/* a Deny that does not depend on the header is no SSE denial */
	{ "phi/unrelated-deny", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\","
	    "\"Condition\":{\"StringNotEquals\":{\"aws:SourceVpce\":"
	    "\"vpce-1a2b3c4d\"}}}"), "phi-demo", false, "phi-unencrypted-upload", 1,
	    E, -1 },
	{ "phi/null-deny", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\","
	    "\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":"
	    "\"true\"}}}"), "phi-demo", false, "phi-unencrypted-upload", 0, E, -1 },
	{ "phi/header-deny", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\","
	    "\"Condition\":{\"StringNotEquals\":{\"s3:x-amz-server-side-encryption\":"
	    "\"aws:kms\"}}}"), "phi-demo", false, "phi-unencrypted-upload", 0, E,
	    -1 },
	{ "phi/identity-policy", I, DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\"}"),
	    "phi-demo", false, "phi-unencrypted-upload", 0, E, -1 },
	/* insecure-transport */
	{ "tls/missing-phi", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:PutObject\",\"Resource\":\"arn:aws:s3:::phi-demo/*\","
	    "\"Condition\":{\"Null\":{\"s3:x-amz-server-side-encryption\":"
	    "\"true\"}}}"), "phi-demo", false, "insecure-transport", 1, E, -1 },
	{ "tls/missing-plain-bucket", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"111122223333\"}," GET_B "}"), NULL, false,
	    "insecure-transport", 1, W, -1 },
	{ "tls/deny-one-principal", R, DOC("{\"Effect\":\"Deny\",\"Principal\":"
	    "{\"AWS\":\"arn:aws:iam::111122223333:user/alice\"},\"Action\":\"s3:*\","
	    "\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":{\"Bool\":"
	    "{\"aws:SecureTransport\":\"false\"}}}"), NULL, false,
	    "insecure-transport", 1, W, -1 },
	{ "tls/unrelated-deny", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:*\",\"Resource\":\"arn:aws:s3:::b/*\",\"Condition\":"
	    "{\"StringNotEquals\":{\"aws:SourceVpce\":\"vpce-1a2b3c4d\"}}}"), NULL,
	    false, "insecure-transport", 1, W, -1 },
	{ "tls/present", R, DOC("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"Action\":\"s3:*\",\"Resource\":[\"arn:aws:s3:::b\","
	    "\"arn:aws:s3:::b/*\"],\"Condition\":{\"Bool\":{\"aws:SecureTransport\":"
	    "\"false\"}}}"), "b", false, "insecure-transport", 0, E, -1 },
	{ "tls/identity-policy", I, DOC("{\"Effect\":\"Allow\"," GET_B "}"), "b",
	    false, "insecure-transport", 0, E, -1 },
	{ "tls/lambda-policy", R, DOC("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"s3.amazonaws.com\"},\"Action\":\"lambda:InvokeFunction\","
	    "\"Resource\":\"" FN "\",\"Condition\":{\"StringEquals\":"
	    "{\"aws:SourceAccount\":\"123456789012\"}}}"), NULL, false,
	    "insecure-transport", 0, E, -1 },
};

static void
run_case(const struct lint_case *c)
{
	struct policy *p = tp_parse(c->policy, c->type);
	const char *const phi[1] = { c->phi };
	struct policy_lint_opts opts = { phi, c->phi ? 1 : 0,
	    c->models ? fake_models : NULL, NULL };
	struct policy_findings f = POLICY_FINDINGS_INIT;
	const struct policy_finding *first = NULL;
	int n = 0;
	size_t i;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	policy_lint(p, &opts, &f);
	for (i = 0; i < f.n; i++)
		if (strcmp(f.items[i].code, c->code) == 0 && n++ == 0)
			first = &f.items[i];
	if (n != c->count || (first && (first->severity != c->severity ||
	    first->statement != c->statement))) {
		printf("# %s: %d x %s, expected %d\n", c->name, n, c->code,
		    c->count);
		for (i = 0; i < f.n; i++) {
			char *s = policy_finding_format(p, &f.items[i]);

			printf("#   %s\n", s);
			free(s);
		}
	}
	CU_ASSERT_EQUAL(n, c->count);
	if (first != NULL) {
		CU_ASSERT_EQUAL(first->severity, c->severity);
		CU_ASSERT_EQUAL(first->statement, c->statement);
	}
	policy_findings_clear(&f);
	policy_free(p);
}

static void
test_findings(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
}

/* The library settles IAM-only names without asking the models. */
static void
test_callback_use(void)
{
	struct policy *p = tp_parse(DOC("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:ListBucket\",\"s3:GetObject\",\"s3:ListObjectsV2\"],"
	    "\"Resource\":\"*\"}"), I);
	struct policy_lint_opts opts = { NULL, 0, fake_models, NULL };
	struct policy_findings f = POLICY_FINDINGS_INIT;
	int cannot_tell = 1;

	check_calls = 0;
	policy_lint(p, &opts, &f);
	CU_ASSERT_EQUAL(check_calls, 1);	/* s3:GetObject only */
	policy_findings_clear(&f);
	/* "cannot tell" raises nothing */
	opts.check_action_arg = &cannot_tell;
	policy_free(p);
	p = tp_parse(DOC("{\"Effect\":\"Deny\",\"Action\":\"s3:GetObjekt\","
	    "\"Resource\":\"*\"}"), I);
	CU_ASSERT_EQUAL(policy_lint(p, &opts, &f), 0);
	CU_ASSERT_EQUAL(f.n, 0);
	policy_findings_clear(&f);
	policy_free(p);
}

/* The blog's role policy grants object actions on the bucket ARN. */
static void
test_blog_role_policy(void)
{
	struct policy *p = tp_fixture("blog-role-policy.json", I, "phi-app");
	struct policy_lint_opts opts = { NULL, 0, fake_models, NULL };
	struct policy_findings f = POLICY_FINDINGS_INIT;
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(policy_lint(p, &opts, &f), 1);
	CU_ASSERT_EQUAL_FATAL(f.n, 1);
	HS_ASSERT_STR_EQ(f.items[0].code, "object-action-on-bucket-arn");
	s = policy_finding_format(p, &f.items[0]);
	HS_ASSERT_STR_EQ(s, "error: Statement[0]: object actions (s3:GetObject, "
	    "s3:PutObject, s3:DeleteObject) are granted only on bucket ARNs "
	    "(arn:aws:s3:::phi-demo), which match no object: the statement "
	    "allows nothing\n"
	    "  fix: add the object ARN \"arn:aws:s3:::phi-demo/*\" to Resource "
	    "(keep the bucket ARN for bucket actions such as s3:ListBucket)");
	free(s);
	CU_ASSERT_EQUAL(policy_findings_errors(&f), 1);
	policy_findings_clear(&f);
	policy_free(p);
}

/* The blog's bucket policy: SSE is enforced, TLS is not. */
static void
test_blog_bucket_policy(void)
{
	struct policy *p = tp_fixture("blog-bucket-policy.json", R, "phi-demo");
	const char *const phi[] = { "phi-demo" };
	const char *const two[] = { "phi-demo", "phi-archive" };
	struct policy_lint_opts opts = { phi, 1, NULL, NULL };
	struct policy_findings f = POLICY_FINDINGS_INIT;
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(policy_lint(p, &opts, &f), 1);
	CU_ASSERT_EQUAL_FATAL(f.n, 1);
	HS_ASSERT_STR_EQ(f.items[0].code, "insecure-transport");
	s = policy_finding_format(p, &f.items[0]);
	HS_ASSERT_STR_EQ(s, "error: no statement denies requests without TLS "
	    "(aws:SecureTransport \"false\")\n"
	    "  fix: add {\"Sid\": \"DenyInsecureTransport\", \"Effect\": \"Deny\", "
	    "\"Principal\": \"*\", \"Action\": \"s3:*\", \"Resource\": "
	    "[\"arn:aws:s3:::phi-demo\", \"arn:aws:s3:::phi-demo/*\"], "
	    "\"Condition\": {\"Bool\": {\"aws:SecureTransport\": \"false\"}}}");
	free(s);
	policy_findings_clear(&f);
	/* another bucket marked PHI has no SSE denial in this policy */
	opts.phi_buckets = two;
	opts.n_phi_buckets = 2;
	CU_ASSERT_EQUAL(policy_lint(p, &opts, &f), 2);
	CU_ASSERT_EQUAL_FATAL(f.n, 2);
	HS_ASSERT_STR_EQ(f.items[0].code, "phi-unencrypted-upload");
	HS_ASSERT_STR_EQ(f.items[0].message, "nothing denies uploads without "
	    "server-side encryption to PHI bucket 'phi-archive'");
	HS_ASSERT_STR_EQ(f.items[1].code, "insecure-transport");
	policy_findings_clear(&f);
	policy_free(p);
}

static void
test_format_and_json(void)
{
	struct policy *p = tp_parse(DOC("{\"Sid\":\"Open\",\"Effect\":\"Allow\","
	    "\"Principal\":\"*\"," GET_B "}"), R);
	struct policy_findings f = POLICY_FINDINGS_INIT;
	cJSON *j, *first;
	char *s;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	policy_lint(p, NULL, &f);
	CU_ASSERT_EQUAL_FATAL(f.n, 2);
	s = policy_finding_format(p, &f.items[0]);
	CU_ASSERT_TRUE(hs_starts_with(s, "error: Statement[0] (Sid \"Open\"): "
	    "allows every principal (\"*\") without a condition"));
	free(s);
	j = policy_findings_to_json(p, &f);
	CU_ASSERT_EQUAL(cJSON_GetArraySize(j), 2);
	first = cJSON_GetArrayItem(j, 0);
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(first, "Severity")->valuestring,
	    "error");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(first, "Code")->valuestring,
	    "public-allow");
	HS_ASSERT_STR_EQ(cJSON_GetObjectItem(first, "Sid")->valuestring, "Open");
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(first, "Statement")->valueint, 0);
	CU_ASSERT_EQUAL(cJSON_GetObjectItem(first, "Line")->valueint, 1);
	CU_ASSERT_TRUE(cJSON_IsNull(cJSON_GetObjectItem(cJSON_GetArrayItem(j, 1),
	    "Statement")));
	cJSON_Delete(j);
	policy_findings_clear(&f);
	policy_free(p);
}

bool pol_actions_tables_sorted(void);

static void
test_tables_sorted(void)
{
	CU_ASSERT_TRUE(pol_actions_tables_sorted());
}

static const struct hs_unit_case lint_tests[] = {
	{ "findings", test_findings },
	{ "callback-use", test_callback_use },
	{ "blog-role-policy", test_blog_role_policy },
	{ "blog-bucket-policy", test_blog_bucket_policy },
	{ "format-and-json", test_format_and_json },
	{ "action-tables-sorted", test_tables_sorted },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-lint", lint_tests, HS_ARRAY_SIZE(lint_tests));
}
