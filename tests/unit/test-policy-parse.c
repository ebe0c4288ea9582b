/*
 * test-policy-parse.c: policy documents as AWS accepts them, and AWS's
 * MalformedPolicyDocument reasons with JSON path, line and column.
 */
#include "hs-common.h"
#include "harness.h"
#include "test-policy-util.h"

#define I POLICY_IDENTITY
#define R POLICY_RESOURCE
#define T POLICY_TRUST

/* An identity statement with a given body, in a 2012-10-17 policy. */
#define ID_STMT(body) "{\"Version\":\"2012-10-17\",\"Statement\":" body "}"

struct parse_case {
	const char *name;
	enum policy_type type;
	const char *json;
	const char *want;	/* NULL: accepted; else the end of the cause */
};

static const struct parse_case cases[] = {
	/* accepted */
	{ "minimal", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\","
	    "\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL },
	{ "version-2008", I, "{\"Version\":\"2008-10-17\",\"Statement\":[{\"Effect\":"
	    "\"Deny\",\"Action\":\"*\",\"Resource\":\"*\"}]}", NULL },
	{ "no-version", I, "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:Get*\",\"S3:List?ucket\"],\"Resource\":\"*\"}]}", NULL },
	{ "not-elements", I, ID_STMT("[{\"Effect\":\"Allow\",\"NotAction\":"
	    "\"iam:*\",\"NotResource\":[\"arn:aws:s3:::b\"]}]"), NULL },
	{ "id-and-sid", I, "{\"Version\":\"2012-10-17\",\"Id\":\"Policy 1\","
	    "\"Statement\":[{\"Sid\":\"Stmt1\",\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"*\"}]}", NULL },
	{ "principal-star", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":\"*\","
	    "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL },
	{ "principal-aws-forms", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":[\"*\",\"111122223333\",\"arn:aws:iam::111122223333:root\","
	    "\"arn:aws:iam::111122223333:user/alice\","
	    "\"arn:aws:iam::111122223333:role/path/R\","
	    "\"arn:aws:sts::111122223333:assumed-role/R/s\","
	    "\"arn:aws:sts::111122223333:federated-user/f\"]},"
	    "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL },
	{ "principal-other-types", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":[\"s3.amazonaws.com\",\"lambda.amazonaws.com\"],"
	    "\"Federated\":\"cognito-identity.amazonaws.com\",\"CanonicalUser\":"
	    "\"79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be\"},"
	    "\"Action\":\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/*\"}"), NULL },
	{ "not-principal", R, ID_STMT("{\"Effect\":\"Deny\",\"NotPrincipal\":"
	    "{\"AWS\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    NULL },
	{ "resource-sid-with-spaces", R, ID_STMT("{\"Sid\":\"Allow logs\","
	    "\"Effect\":\"Allow\",\"Principal\":\"*\",\"Action\":\"s3:GetObject\","
	    "\"Resource\":\"*\"}"), NULL },
	{ "trust-no-resource", T, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Service\":\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"),
	    NULL },
	{ "condition-scalars", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"NumericLessThanEquals\":"
	    "{\"s3:max-keys\":10},\"Bool\":{\"aws:SecureTransport\":true},"
	    "\"ForAnyValue:StringLikeIfExists\":{\"aws:TagKeys\":[\"a*\",\"b\"]},"
	    "\"DateGreaterThan\":{\"aws:CurrentTime\":\"2020-01-01T00:00:01Z\"},"
	    "\"IpAddress\":{\"aws:SourceIp\":[\"203.0.113.0/24\","
	    "\"2001:DB8:1234:5678::/64\"]},\"BinaryEquals\":{\"k:bin\":"
	    "\"QmluYXJ5VmFsdWVJbkJhc2U2NA==\"},\"Null\":{\"aws:TokenIssueTime\":"
	    "\"true\"}}}"), NULL },
	{ "variables-2012", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b/${aws:username}/${*}\"}"),
	    NULL },
	{ "variable-text-2008", I, "{\"Version\":\"2008-10-17\",\"Statement\":"
	    "{\"Effect\":\"Allow\",\"Action\":\"s3:GetObject\",\"Resource\":"
	    "\"arn:aws:s3:::b/${aws:username\"}}", NULL },
	{ "unicode-escapes", I, ID_STMT("{\"\\u0045ffect\":\"Allow\",\"Action\":"
	    "\"s3:GetObject\",\"Resource\":\"arn:aws:s3:::b\\ud83d\\ude00/*\"}"), NULL },

	/* the document */
	{ "not-an-object", I, "[]", "the policy must be a JSON object" },
	{ "unknown-top-level", I, "{\"Version\":\"2012-10-17\",\"Statment\":[]}",
	    "line 1, column 25: Statment: unknown element (did you mean "
	    "\"Statement\"?)" },
	{ "bad-version", I, "{\"Version\":\"2012-10-18\",\"Statement\":[]}",
	    "line 1, column 2: Version: must be \"2012-10-17\" or \"2008-10-17\"" },
	{ "id-not-string", I, "{\"Id\":1,\"Statement\":[]}", "Id: must be a string" },
	{ "no-statement", I, "{\"Version\":\"2012-10-17\"}",
	    "missing required field Statement" },
	{ "empty-statement", I, ID_STMT("[]"), "Statement: must not be empty" },
	{ "statement-string", I, ID_STMT("\"x\""),
	    "Statement: must be an object or an array of objects" },
	{ "statement-element-string", I, ID_STMT("[\"x\"]"),
	    "Statement[0]: a statement must be a JSON object" },

	/* statement elements */
	{ "effect-wrong", I, ID_STMT("[{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\"},{\"Effect\":\"allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\"}]"), "line 1, column 89: Statement[1].Effect: "
	    "must be \"Allow\" or \"Deny\"" },
	{ "effect-missing", I, ID_STMT("[{\"Action\":\"s3:*\",\"Resource\":\"*\"}]"),
	    "Statement[0]: missing required field Effect" },
	{ "unknown-element", I, ID_STMT("{\"Effect\":\"Allow\",\"Actions\":\"s3:*\","
	    "\"Resource\":\"*\"}"), "Statement.Actions: unknown element (did you "
	    "mean \"Action\"?)" },
	{ "wrong-case-element", I, ID_STMT("{\"effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\"}"), "Statement.effect: unknown element (did you "
	    "mean \"Effect\"?)" },
	{ "action-and-notaction", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"NotAction\":\"iam:*\",\"Resource\":\"*\"}"),
	    "Statement: must not contain both Action and NotAction" },
	{ "action-missing", I, ID_STMT("{\"Effect\":\"Allow\",\"Resource\":\"*\"}"),
	    "Statement: missing required field Action" },
	{ "action-empty", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":[],"
	    "\"Resource\":\"*\"}"), "Statement.Action: must not be empty" },
	{ "action-number", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",1],"
	    "\"Resource\":\"*\"}"), "Statement.Action[1]: must be a string" },
	{ "action-no-vendor", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "[\"s3:GetObject\",\"GetObject\"],\"Resource\":\"*\"}"),
	    "Statement.Action[1]: 'GetObject' must be SERVICE:ACTION such as "
	    "s3:GetObject, or \"*\"" },
	{ "action-vendor-wildcard", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s*:GetObject\",\"Resource\":\"*\"}"), "Statement.Action: "
	    "'s*:GetObject' the service prefix must be letters, digits and '-' "
	    "(no wildcards)" },
	{ "resource-missing", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\"}"),
	    "Statement: missing required field Resource" },
	{ "resource-not-arn", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":[\"arn:aws:s3:::b\",\"phi-demo\"]}"),
	    "Statement.Resource[1]: 'phi-demo' must be an ARN (arn:PARTITION:"
	    "SERVICE:REGION:ACCOUNT:RESOURCE) or \"*\"" },
	{ "resource-short-arn", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"arn:aws:s3\"}"), "Statement.Resource: "
	    "'arn:aws:s3' must be an ARN (arn:PARTITION:SERVICE:REGION:ACCOUNT:"
	    "RESOURCE) or \"*\"" },
	{ "resource-bad-variable", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"arn:aws:s3:::b/${aws:username\"}"),
	    "Statement.Resource: invalid policy variable in "
	    "'arn:aws:s3:::b/${aws:username' (write ${key} or ${key, 'default'}; "
	    "${$} for a literal '$')" },
	{ "trust-with-resource", T, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"111122223333\"},\"Action\":\"sts:AssumeRole\",\"Resource\":"
	    "\"*\"}"), "Statement.Resource: Has prohibited field Resource (a role "
	    "trust policy applies to the role itself)" },
	{ "identity-with-principal", I, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement.Principal: "
	    "Policy document should not specify a principal (an identity-based "
	    "policy applies to whoever it is attached to)" },
	{ "resource-without-principal", R, ID_STMT("{\"Effect\":\"Allow\","
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    "Statement: missing required field Principal" },
	{ "principal-partial-wildcard", R, ID_STMT("{\"Effect\":\"Allow\","
	    "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:user/*\"]},"
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement.Principal.AWS[0]: "
	    "Invalid principal in policy: 'arn:aws:iam::111122223333:user/*' (use "
	    "\"*\", a 12-digit account ID, an IAM or STS ARN, or a service name; "
	    "wildcards only as the whole value \"*\")" },
	{ "principal-bad-account", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"AWS\":\"12345\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    "Statement.Principal.AWS: Invalid principal in policy: '12345' (use "
	    "\"*\", a 12-digit account ID, an IAM or STS ARN, or a service name; "
	    "wildcards only as the whole value \"*\")" },
	{ "principal-string", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "\"alice\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    "Statement.Principal: Invalid principal in policy: 'alice' (use \"*\", "
	    "a 12-digit account ID, an IAM or STS ARN, or a service name; "
	    "wildcards only as the whole value \"*\")" },
	{ "principal-type", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":"
	    "{\"Aws\":\"111122223333\"},\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    "Statement.Principal.Aws: Invalid principal in policy: unknown "
	    "principal type \"Aws\" (use AWS, Service, Federated or "
	    "CanonicalUser)" },
	{ "principal-empty", R, ID_STMT("{\"Effect\":\"Allow\",\"Principal\":{},"
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement.Principal: must "
	    "be \"*\" or an object such as {\"AWS\": "
	    "\"arn:aws:iam::111122223333:root\"}" },
	{ "principal-and-not", R, ID_STMT("{\"Effect\":\"Deny\",\"Principal\":\"*\","
	    "\"NotPrincipal\":\"*\",\"Action\":\"s3:*\",\"Resource\":\"*\"}"),
	    "Statement: must not contain both Principal and NotPrincipal" },
	{ "sid-not-alnum", I, ID_STMT("{\"Sid\":\"Allow S3\",\"Effect\":\"Allow\","
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"}"), "Statement.Sid: Statement "
	    "IDs (SID) must be alpha-numeric. Check that your input satisfies the "
	    "regular expression [0-9A-Za-z]*" },
	{ "sid-duplicate", I, ID_STMT("[{\"Sid\":\"A\",\"Effect\":\"Allow\","
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"},{\"Sid\":\"A\",\"Effect\":"
	    "\"Deny\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]"),
	    "Statement[1].Sid: Statement IDs (SID) in a single policy must be "
	    "unique ('A' is also statement 0's)" },

	/* conditions */
	{ "condition-not-object", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\",\"Condition\":[]}"), "Statement.Condition: "
	    "must be an object of condition operators" },
	{ "operator-unknown", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"StringEquls\":{\"aws:username\":"
	    "\"a\"}}}"), "Statement.Condition.StringEquls: invalid condition "
	    "operator (did you mean \"StringEquals\"?)" },
	{ "operator-qualified-unknown", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"ForAnyValues:StringLike\":"
	    "{\"aws:TagKeys\":\"a\"}}}"), "Statement.Condition.ForAnyValues:"
	    "StringLike: invalid condition operator (did you mean \"StringLike\"?)" },
	{ "null-if-exists", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"NullIfExists\":{\"aws:username\":"
	    "\"true\"}}}"), "Statement.Condition.NullIfExists: invalid condition "
	    "operator (Null takes no IfExists)" },
	{ "null-set", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"ForAllValues:Null\":{\"aws:TagKeys\":"
	    "\"true\"}}}"), "Statement.Condition.ForAllValues:Null: invalid "
	    "condition operator (Null takes no ForAllValues: or ForAnyValue:)" },
	{ "operator-empty", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{}}}"),
	    "Statement.Condition.StringEquals: must be an object of condition keys "
	    "and values, e.g. {\"aws:SecureTransport\": \"false\"}" },
	{ "key-without-vendor", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"SourceIp\":"
	    "\"10.0.0.0/8\"}}}"), "Statement.Condition.IpAddress.SourceIp: the "
	    "condition key must be SERVICE:NAME such as aws:SourceIp" },
	{ "value-null", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":"
	    "null}}}"), "Statement.Condition.StringEquals.aws:username: must be a "
	    "string, a number or a boolean" },
	{ "values-empty", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"StringEquals\":{\"aws:username\":"
	    "[]}}}"), "Statement.Condition.StringEquals.aws:username: must not be "
	    "empty" },
	{ "numeric-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"NumericLessThan\":{\"s3:max-keys\":"
	    "[\"10\",\"ten\"]}}}"), "Statement.Condition.NumericLessThan."
	    "s3:max-keys[1]: 'ten' must be a number" },
	{ "date-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"DateLessThan\":{\"aws:CurrentTime\":"
	    "\"yesterday\"}}}"), "Statement.Condition.DateLessThan.aws:CurrentTime: "
	    "'yesterday' must be a date (ISO 8601 such as 2020-01-01T00:00:00Z, or "
	    "epoch seconds)" },
	{ "ip-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"IpAddress\":{\"aws:SourceIp\":"
	    "\"300.1.1.1/8\"}}}"), "Statement.Condition.IpAddress.aws:SourceIp: "
	    "'300.1.1.1/8' must be an IPv4 or IPv6 address or CIDR block "
	    "(203.0.113.0/24, 2001:db8::/32)" },
	{ "ip-prefix-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"NotIpAddress\":{\"aws:SourceIp\":"
	    "\"10.0.0.0/33\"}}}"), "'10.0.0.0/33' must be an IPv4 or IPv6 address "
	    "or CIDR block (203.0.113.0/24, 2001:db8::/32)" },
	{ "binary-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"BinaryEquals\":{\"k:b\":\"!!\"}}}"),
	    "Statement.Condition.BinaryEquals.k:b: '!!' must be base64" },
	{ "bool-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"Bool\":{\"aws:SecureTransport\":"
	    "\"yes\"}}}"), "Statement.Condition.Bool.aws:SecureTransport: 'yes' "
	    "must be \"true\" or \"false\"" },
	{ "null-bad", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\",\"Condition\":{\"Null\":{\"aws:TokenIssueTime\":"
	    "1}}}"), "Statement.Condition.Null.aws:TokenIssueTime: '1' must be "
	    "\"true\" or \"false\"" },
	{ "string-bad-variable", I, ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\",\"Condition\":{\"StringLike\":{\"s3:prefix\":"
	    "\"${}\"}}}"), "Statement.Condition.StringLike.s3:prefix: invalid "
	    "policy variable in '${}' (write ${key} or ${key, 'default'}; ${$} for "
	    "a literal '$')" },

	/* JSON syntax, with line and column */
	{ "json-trailing-comma", I, "{\"Version\":\"2012-10-17\",\n  \"Statement\": "
	    "[],\n}", "line 2, column 18: invalid JSON: trailing comma before '}'" },
	{ "json-trailing-comma-array", I, "{\"Statement\":[1,]}",
	    "line 1, column 16: invalid JSON: trailing comma before ']'" },
	{ "json-missing-comma", I, "{\n\"Version\":\"2012-10-17\"\n\"Statement\":[]}",
	    "line 3, column 1: invalid JSON: expected ',' or '}' after an object "
	    "member" },
	{ "json-missing-colon", I, "{\"Version\" \"2012-10-17\"}",
	    "line 1, column 12: invalid JSON: expected ':' after an object key" },
	{ "json-unterminated", I, "{\"Version\":\"2012-10-17}",
	    "line 1, column 12: invalid JSON: unterminated string" },
	{ "json-bad-escape", I, "{\"Version\":\"\\q\"}",
	    "line 1, column 13: invalid JSON: invalid escape in string" },
	{ "json-control", I, "{\"Version\":\"a\tb\"}",
	    "line 1, column 14: invalid JSON: control character in string (escape "
	    "it)" },
	{ "json-bad-number", I, "{\"Statement\":-}",
	    "line 1, column 14: invalid JSON: invalid number" },
	{ "json-leading-zero", I, "{\"Statement\":01}",
	    "line 1, column 15: invalid JSON: expected ',' or '}' after an object "
	    "member" },
	{ "json-bare-word", I, "{\"Statement\":nope}",
	    "line 1, column 14: invalid JSON: expected a value" },
	{ "json-trailing-text", I, "{} {}",
	    "line 1, column 4: invalid JSON: unexpected text after the document" },
	{ "json-empty", I, "", "line 1, column 1: invalid JSON: unexpected end of "
	    "input" },
	{ "json-key-not-string", I, "{Version:1}",
	    "line 1, column 2: invalid JSON: expected a string key" },
	{ "json-lone-surrogate", I, "{\"Version\":\"\\udc00\"}",
	    "line 1, column 13: invalid JSON: lone low surrogate in string" },
	{ "json-duplicate-member", I, "{\"Version\":\"2012-10-17\",\"Statement\":"
	    "{\"Effect\":\"Deny\",\n\"Effect\":\"Allow\",\"Action\":\"s3:*\","
	    "\"Resource\":\"*\"}}", "line 2, column 1: invalid JSON: duplicate "
	    "member \"Effect\"" },
	{ "json-duplicate-escaped-member", I, "{\"Statement\":{\"Effect\":\"Deny\","
	    "\"\\u0045ffect\":\"Allow\"}}", "line 1, column 31: invalid JSON: "
	    "duplicate member \"Effect\"" },
	{ "json-columns-count-characters", I, "{\"Id\":\"\xc3\xa9\xc3\xa9\",x}",
	    "line 1, column 12: invalid JSON: expected a string key" },
};

static void
run_case(const struct parse_case *c)
{
	char *cause;
	struct policy *p;

	if (c->want == NULL) {
		p = tp_parse(c->json, c->type);
		CU_ASSERT_PTR_NOT_NULL(p);
		policy_free(p);
		return;
	}
	cause = tp_parse_error(c->json, c->type);
	if (!hs_ends_with(cause, c->want))
		printf("# %s\n# expected ...'%s'\n#      got '%s'\n", c->name,
		    c->want, cause);
	CU_ASSERT_TRUE(hs_ends_with(cause, c->want));
	free(cause);
}

static void
test_table(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++)
		run_case(&cases[i]);
}

/* Every error message starts with the position of the element. */
static void
test_positions(void)
{
	static const char doc[] =
	    "{\n"
	    "  \"Version\": \"2012-10-17\",\n"
	    "  \"Statement\": [\n"
	    "    {\n"
	    "      \"Effect\": \"Allow\",\n"
	    "      \"Action\": \"s3:GetObject\",\n"
	    "      \"Resource\": \"arn:aws:s3:::b/*\",\n"
	    "      \"Condition\": {\"IpAddress\": {\"aws:SourceIp\": [\"10.0.0.0/8\", \"x\"]}}\n"
	    "    }\n"
	    "  ]\n"
	    "}\n";
	char *cause = tp_parse_error(doc, POLICY_IDENTITY);

	HS_ASSERT_STR_EQ(cause, "line 8, column 66: Statement[0].Condition."
	    "IpAddress.aws:SourceIp[1]: 'x' must be an IPv4 or IPv6 address or "
	    "CIDR block (203.0.113.0/24, 2001:db8::/32)");
	free(cause);
}

/* Statement spans are IAM's StartPosition and EndPosition. */
static void
test_spans(void)
{
	struct policy *p = tp_fixture("blog-bucket-policy.json", R, "bucket");
	struct policy_position s, e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_EQUAL(policy_statement_count(p), 2);
	policy_statement_span(p, 0, &s, &e);
	CU_ASSERT_EQUAL(s.line, 5);
	CU_ASSERT_EQUAL(s.column, 5);
	CU_ASSERT_EQUAL(e.line, 16);
	CU_ASSERT_EQUAL(e.column, 6);
	policy_statement_span(p, 1, &s, &e);
	CU_ASSERT_EQUAL(s.line, 17);
	CU_ASSERT_EQUAL(e.line, 28);
	policy_statement_span(p, 7, &s, &e);
	CU_ASSERT_EQUAL(s.line, 0);
	policy_free(p);
}

static void
test_accessors(void)
{
	struct policy *p = tp_fixture("blog-bucket-policy.json", R, "bucket");
	struct policy *q = tp_parse(ID_STMT("{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\"}"), I);
	static const char single[] = "{\"Statement\":{\"Effect\":\"Allow\","
	    "\"Action\":\"s3:*\",\"Resource\":\"*\"}}";
	struct policy_parse_opts opts = { I, NULL, "user" };
	char *cause = NULL;
	struct policy *u = policy_parse(single, strlen(single), &opts, &cause);

	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	CU_ASSERT_PTR_NOT_NULL_FATAL(u);
	CU_ASSERT_EQUAL(policy_get_type(p), POLICY_RESOURCE);
	HS_ASSERT_STR_EQ(policy_get_id(p), "bucket");
	HS_ASSERT_STR_EQ(policy_get_source_type(p), "resource");
	HS_ASSERT_STR_EQ(policy_get_version(p), "2012-10-17");
	HS_ASSERT_STR_EQ(policy_statement_sid(p, 1), "DenyUnEncryptedObjectUploads");
	CU_ASSERT_TRUE(policy_statement_is_deny(p, 0));
	CU_ASSERT_PTR_NULL(policy_statement_sid(q, 0));
	CU_ASSERT_FALSE(policy_statement_is_deny(q, 0));
	HS_ASSERT_STR_EQ(policy_get_source_type(q), "none");
	HS_ASSERT_STR_EQ(policy_get_source_type(u), "user");
	HS_ASSERT_STR_EQ(policy_get_id(u), "");
	HS_ASSERT_STR_EQ(policy_get_version(u), "");
	policy_free(p);
	policy_free(q);
	policy_free(u);
	policy_free(NULL);
}

/* The text need not be NUL-terminated, and is read only up to len. */
static void
test_length_bounded(void)
{
	static const char doc[] = "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":"
	    "\"s3:*\",\"Resource\":\"*\"}}GARBAGE";
	struct policy_parse_opts opts = { I, NULL, NULL };
	char *cause = NULL;
	struct policy *p = policy_parse(doc, sizeof doc - 1 - 7, &opts, &cause);

	CU_ASSERT_PTR_NOT_NULL(p);
	policy_free(p);
	p = policy_parse(doc, sizeof doc - 1, &opts, &cause);
	CU_ASSERT_PTR_NULL(p);
	HS_ASSERT_STR_EQ(cause, "line 1, column 64: invalid JSON: unexpected "
	    "text after the document");
	free(cause);
}

static void
test_too_large(void)
{
	size_t n = ((size_t)1 << 20) + 1;
	char *big = hs_xmalloc(n);
	char *cause = NULL;

	memset(big, ' ', n);
	CU_ASSERT_PTR_NULL(policy_parse(big, n, NULL, &cause));
	HS_ASSERT_STR_EQ(cause, "the policy document is too large (1048577 "
	    "bytes; at most 1048576)");
	free(cause);
	free(big);
}

static void
test_too_deep(void)
{
	struct hs_buf b = HS_BUF_INIT;
	char *cause;
	int i;

	for (i = 0; i < 70; i++)
		(void)hs_buf_addch(&b, '[');
	cause = tp_parse_error(b.buf, I);
	HS_ASSERT_STR_EQ(cause, "line 1, column 65: invalid JSON: nesting too "
	    "deep");
	free(cause);
	hs_buf_release(&b);
}

/* The blog's CloudFormation template has a trailing comma upstream. */
static void
test_blog_template_trailing_comma(void)
{
	const char *dir = hs_unit_testdata();
	char *path, *cause = NULL;
	struct hs_buf b = HS_BUF_INIT;
	char chunk[4096];
	size_t n;
	FILE *f;

	if (dir == NULL) {
		hs_unit_skip("HS_TESTDATA is not on this machine");
		return;
	}
	path = hs_xasprintf("%s/apn-blog-orchestrating/"
	    "vpc-with-public-and-private-subnets.json", dir);
	f = fopen(path, "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		(void)hs_buf_add(&b, chunk, n);
	fclose(f);
	CU_ASSERT_PTR_NULL(policy_parse(b.buf, b.len, NULL, &cause));
	HS_ASSERT_STR_EQ(cause, "line 72, column 40: invalid JSON: trailing "
	    "comma before '}'");
	free(cause);
	free(path);
	hs_buf_release(&b);
}

static void
test_guess_type(void)
{
	static const struct {
		const char *json;
		enum policy_type want;
	} t[] = {
		{ ID_STMT("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
		    "\"*\"}"), I },
		{ ID_STMT("[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":"
		    "\"*\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":"
		    "\"s3:*\",\"Resource\":\"*\"}]"), R },
		{ ID_STMT("{\"Effect\":\"Allow\",\"Principal\":{\"Service\":"
		    "\"lambda.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}"), T },
		{ ID_STMT("{\"Effect\":\"Deny\",\"NotPrincipal\":\"*\",\"Action\":"
		    "\"s3:*\",\"NotResource\":\"*\"}"), R },
		{ "not json", I },
		{ "{\"Statement\":7}", I },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(t); i++)
		CU_ASSERT_EQUAL(policy_guess_type(t[i].json, strlen(t[i].json)),
		    t[i].want);
}

static const struct hs_unit_case parse_tests[] = {
	{ "guess-type", test_guess_type },
	{ "table", test_table },
	{ "positions", test_positions },
	{ "spans", test_spans },
	{ "accessors", test_accessors },
	{ "length-bounded", test_length_bounded },
	{ "too-large", test_too_large },
	{ "too-deep", test_too_deep },
	{ "blog-template-trailing-comma", test_blog_template_trailing_comma },
};

void
hs_unit_register(void)
{
	hs_unit_add_table("policy-parse", parse_tests, HS_ARRAY_SIZE(parse_tests));
}
