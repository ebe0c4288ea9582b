/*
 * test-retry.c: the retry rules, backoff and quota as botocore computes
 * them, the date parsers, and the redaction of the --debug log. Pure
 * functions: no server, no clock.
 */
#include "hs-common.h"
#include "harness.h"
#include "http.h"

struct classify_case {
	const char *name;
	enum aws_retry_mode mode;
	const char *service;
	enum aws_http_error error;
	int status;
	const char *code;
	enum aws_retry_kind want;
};

#define S AWS_RETRY_STANDARD
#define L AWS_RETRY_LEGACY
#define OK AWS_HTTP_OK
#define NO AWS_RETRY_NO
#define TR AWS_RETRY_TRANSIENT
#define TH AWS_RETRY_THROTTLE
#define SK AWS_RETRY_CLOCK_SKEW

static const struct classify_case classify_cases[] = {
	{ "success", S, NULL, OK, 200, NULL, NO },
	{ "success-legacy", L, NULL, OK, 204, NULL, NO },
	{ "500", S, NULL, OK, 500, NULL, TR },
	{ "502", S, NULL, OK, 502, NULL, TR },
	{ "503", S, NULL, OK, 503, NULL, TR },
	{ "504", S, NULL, OK, 504, NULL, TR },
	{ "501-not-retried", S, NULL, OK, 501, NULL, NO },
	{ "400-no-code", S, NULL, OK, 400, NULL, NO },
	{ "access-denied", S, NULL, OK, 403, "AccessDenied", NO },
	{ "throttling", S, NULL, OK, 400, "Throttling", TH },
	{ "throttling-exception", S, NULL, OK, 400, "ThrottlingException", TH },
	{ "throttled-exception", S, NULL, OK, 400, "ThrottledException", TH },
	{ "request-throttled-exception", S, NULL, OK, 400,
	    "RequestThrottledException", TH },
	{ "too-many-requests", S, NULL, OK, 429, "TooManyRequestsException",
	    TH },
	{ "provisioned-throughput", S, NULL, OK, 400,
	    "ProvisionedThroughputExceededException", TH },
	{ "transaction-in-progress", S, NULL, OK, 400,
	    "TransactionInProgressException", TH },
	{ "request-limit-exceeded", S, NULL, OK, 503, "RequestLimitExceeded",
	    TH },
	{ "bandwidth-limit", S, NULL, OK, 509, "BandwidthLimitExceeded", TH },
	{ "limit-exceeded", S, NULL, OK, 400, "LimitExceededException", TH },
	{ "request-throttled", S, NULL, OK, 403, "RequestThrottled", TH },
	{ "slow-down", S, NULL, OK, 503, "SlowDown", TH },
	{ "prior-request", S, NULL, OK, 400, "PriorRequestNotComplete", TH },
	{ "ec2-throttled", S, NULL, OK, 503, "EC2ThrottledException", TH },
	{ "request-timeout", S, NULL, OK, 400, "RequestTimeout", TR },
	{ "request-timeout-exception", S, NULL, OK, 408,
	    "RequestTimeoutException", TR },
	{ "idp-sts", S, "sts", OK, 400, "IDPCommunicationError", TR },
	{ "idp-not-sts", S, "iam", OK, 400, "IDPCommunicationError", NO },
	{ "429-standard", S, NULL, OK, 429, NULL, NO },
	{ "skew", S, NULL, OK, 403, "RequestTimeTooSkewed", SK },
	{ "skew-expired", S, NULL, OK, 400, "RequestExpired", SK },
	{ "skew-legacy", L, NULL, OK, 403, "RequestTimeTooSkewed", SK },
	{ "connect", S, NULL, AWS_HTTP_ERR_CONNECT, 0, NULL, TR },
	{ "timeout", S, NULL, AWS_HTTP_ERR_TIMEOUT, 0, NULL, TR },
	{ "dropped", S, NULL, AWS_HTTP_ERR_CONNECTION, 0, NULL, TR },
	{ "tls-handshake", S, NULL, AWS_HTTP_ERR_TLS, 0, NULL, TR },
	{ "tls-verify", S, NULL, AWS_HTTP_ERR_TLS_VERIFY, 0, NULL, NO },
	{ "cancelled", S, NULL, AWS_HTTP_ERR_CANCELLED, 0, NULL, NO },
	{ "local", S, NULL, AWS_HTTP_ERR_LOCAL, 0, NULL, NO },
	{ "legacy-dropped", L, NULL, AWS_HTTP_ERR_CONNECTION, 0, NULL, TR },
	{ "legacy-429", L, NULL, OK, 429, NULL, TH },
	{ "legacy-509", L, NULL, OK, 509, NULL, TH },
	{ "legacy-throttling-400", L, NULL, OK, 400, "Throttling", TH },
	{ "legacy-throttling-wrong-status", L, NULL, OK, 403, "Throttling",
	    NO },
	{ "legacy-slowdown-is-503", L, "s3", OK, 503, "SlowDown", TR },
	{ "legacy-s3-request-timeout", L, "s3", OK, 400, "RequestTimeout", TR },
	{ "legacy-s3-bad-digest", L, "s3", OK, 400, "BadDigest", TR },
	{ "legacy-bad-digest-not-s3", L, "iam", OK, 400, "BadDigest", NO },
	{ "legacy-ec2-limit", L, "ec2", OK, 503, "RequestLimitExceeded", TH },
	{ "legacy-sqs-throttled", L, "sqs", OK, 403, "RequestThrottled", TH },
	{ "legacy-sqs-throttled-not-sqs", L, "sns", OK, 403,
	    "RequestThrottled", NO },
	{ "legacy-limit-exceeded-kinesis", L, "kinesis", OK, 400,
	    "LimitExceededException", TH },
	{ "legacy-limit-exceeded-other", L, "lambda", OK, 400,
	    "LimitExceededException", NO },
};

static void
test_classify(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(classify_cases); i++) {
		const struct classify_case *c = &classify_cases[i];
		struct aws_response resp = AWS_RESPONSE_INIT;
		struct aws_retry_facts f = { c->error, NULL, c->mode,
		    c->service, 1 };
		enum aws_retry_kind got;

		resp.status = c->status;
		if (c->error == AWS_HTTP_OK)
			f.resp = &resp;
		got = aws_retry_classify_code(&f, c->code);
		if (got != c->want)
			printf("# case %s: got %d, want %d\n", c->name, got,
			    c->want);
		CU_ASSERT_EQUAL(got, c->want);
	}
}

static void
test_default_classifier(void)
{
	struct aws_response resp = AWS_RESPONSE_INIT;
	struct aws_retry_facts f = { AWS_HTTP_OK, &resp, S, NULL, 1 };
	char *code = NULL;

	resp.status = 400;
	CU_ASSERT_EQUAL(aws_retry_classify_default(NULL, &f, &code), NO);
	CU_ASSERT_PTR_NULL(code);
	resp.status = 503;
	CU_ASSERT_EQUAL(aws_retry_classify_default(NULL, &f, &code), TR);
	f.error = AWS_HTTP_ERR_CONNECT;
	f.resp = NULL;
	CU_ASSERT_EQUAL(aws_retry_classify_default(NULL, &f, &code), TR);
}

static void
test_backoff(void)
{
	struct aws_retry_config std = { S, 0 }, leg = { L, 0 };

	/* standard: rand * min(2^(n-1), 20) */
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TR, 1, 0.5),
	    0.5, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TH, 2, 0.5),
	    1.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TR, 5, 0.25),
	    4.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TR, 6, 0.999),
	    0.999 * 20, 1e-9);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TR, 60, 1.0),
	    20.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, TR, 1, 0.0),
	    0.0, 1e-12);
	/* legacy: rand * 2^(n-1), no cap; DynamoDB 0.05 * 2^(n-1) */
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&leg, NULL, TR, 6, 1.0),
	    32.0, 1e-12);
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&leg, "dynamodb", TR, 3,
	    0.9), 0.2, 1e-12);
	/* a skew retry goes at once */
	CU_ASSERT_DOUBLE_EQUAL(aws_retry_backoff(&std, NULL, SK, 1, 0.9),
	    0.0, 1e-12);
}

static void
test_max_attempts(void)
{
	struct aws_retry_config c = { S, 0 };

	CU_ASSERT_EQUAL(aws_retry_max_attempts(&c, NULL), 3);
	CU_ASSERT_EQUAL(aws_retry_max_attempts(&c, "dynamodb"), 3);
	c.mode = L;
	CU_ASSERT_EQUAL(aws_retry_max_attempts(&c, NULL), 5);
	CU_ASSERT_EQUAL(aws_retry_max_attempts(&c, "dynamodb"), 10);
	c.max_attempts = 7;
	CU_ASSERT_EQUAL(aws_retry_max_attempts(&c, "dynamodb"), 7);
}

static void
test_mode_parse(void)
{
	enum aws_retry_mode m = L;

	CU_ASSERT_EQUAL(aws_retry_mode_parse("standard", &m), 0);
	CU_ASSERT_EQUAL(m, S);
	CU_ASSERT_EQUAL(aws_retry_mode_parse("Legacy", &m), 0);
	CU_ASSERT_EQUAL(m, L);
	CU_ASSERT_EQUAL(aws_retry_mode_parse("adaptive", &m), 0);
	CU_ASSERT_EQUAL(m, S);
	CU_ASSERT_EQUAL(aws_retry_mode_parse("fast", &m), -1);
}

static void
test_quota(void)
{
	struct aws_retry_quota q;
	int i;

	aws_retry_quota_init(&q, AWS_RETRY_QUOTA_INITIAL);
	for (i = 0; i < 100; i++)
		CU_ASSERT_TRUE(aws_retry_quota_acquire(&q, 5));
	CU_ASSERT_FALSE(aws_retry_quota_acquire(&q, 5));
	CU_ASSERT_EQUAL(q.available, 0);
	aws_retry_quota_release(&q, 10);
	CU_ASSERT_FALSE(aws_retry_quota_acquire(&q, 11));
	CU_ASSERT_EQUAL(q.available, 10);
	CU_ASSERT_TRUE(aws_retry_quota_acquire(&q, 10));
	aws_retry_quota_release(&q, 1000);
	CU_ASSERT_EQUAL(q.available, AWS_RETRY_QUOTA_INITIAL);
}

static void
test_http_date(void)
{
	time_t t;

	CU_ASSERT_EQUAL(aws_http_date_parse("Sun, 06 Nov 1994 08:49:37 GMT",
	    &t), 0);
	CU_ASSERT_EQUAL(t, 784111777);
	CU_ASSERT_EQUAL(aws_http_date_parse("Mon, 01 Jan 2024 01:00:00 GMT",
	    &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_http_date_parse("Mon, 01 Foo 2024 01:00:00 GMT",
	    &t), -1);
	CU_ASSERT_EQUAL(aws_http_date_parse("Mon, 01 Jan 2024 01:00:00",
	    &t), -1);
	CU_ASSERT_EQUAL(aws_http_date_parse("1704070800", &t), -1);
	CU_ASSERT_EQUAL(aws_http_date_parse("Mon, 01 Jan 2024 25:00:00 GMT",
	    &t), -1);
}

static void
test_iso8601(void)
{
	char buf[32];
	time_t t;

	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00:00Z", &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00:00.123Z", &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00:00+00:00", &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T03:00:00+02:00", &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00:00UTC", &t), 0);
	CU_ASSERT_EQUAL(t, 1704070800);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01 01:00:00", &t), 0);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-13-01T01:00:00Z", &t), -1);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00Z", &t), -1);
	CU_ASSERT_EQUAL(aws_iso8601_parse("2024-01-01T01:00:00 junk", &t), -1);
	CU_ASSERT_EQUAL(aws_iso8601_parse("", &t), -1);
	aws_iso8601_format(1704070800, buf, sizeof buf);
	HS_ASSERT_STR_EQ(buf, "2024-01-01T01:00:00Z");
}

struct redact_case {
	const char *name;
	const char *in;
	const char *want;
};

static const struct redact_case redact_cases[] = {
	{ "sts-xml", "<Credentials><AccessKeyId>ASIA1</AccessKeyId>"
	    "<SecretAccessKey>s3cr3t</SecretAccessKey><SessionToken>tok"
	    "</SessionToken><Expiration>2024</Expiration></Credentials>",
	    "<Credentials><AccessKeyId>ASIA1</AccessKeyId><SecretAccessKey>"
	    "REDACTED</SecretAccessKey><SessionToken>REDACTED</SessionToken>"
	    "<Expiration>2024</Expiration></Credentials>" },
	{ "xml-namespace-prefix", "<a:SessionToken>tok</a:SessionToken>",
	    "<a:SessionToken>REDACTED</a:SessionToken>" },
	{ "imds-json", "{\"Code\" : \"Success\", \"AccessKeyId\" : \"ASIA2\", "
	    "\"SecretAccessKey\" : \"s3\\\"cr3t\", \"Token\" : \"tok\"}",
	    "{\"Code\" : \"Success\", \"AccessKeyId\" : \"ASIA2\", "
	    "\"SecretAccessKey\" : \"REDACTED\", \"Token\" : \"REDACTED\"}" },
	{ "sso-json", "{\"roleCredentials\":{\"accessKeyId\":\"ASIA3\","
	    "\"secretAccessKey\":\"x\",\"sessionToken\":\"y\","
	    "\"expiration\":1}}", "{\"roleCredentials\":{\"accessKeyId\":"
	    "\"ASIA3\",\"secretAccessKey\":\"REDACTED\",\"sessionToken\":"
	    "\"REDACTED\",\"expiration\":1}}" },
	{ "form", "Action=AssumeRoleWithWebIdentity&WebIdentityToken=eyJ.a.b"
	    "&RoleArn=arn&TokenCode=123456", "Action=AssumeRoleWithWebIdentity"
	    "&WebIdentityToken=REDACTED&RoleArn=arn&TokenCode=REDACTED" },
	{ "form-first", "Password=hunter2&User=a",
	    "Password=REDACTED&User=a" },
	{ "query-in-request-line", "GET /k?X-Amz-Credential=AKID%2F2024&"
	    "X-Amz-Signature=abc123&X-Amz-Security-Token=tok HTTP/1.1",
	    "GET /k?X-Amz-Credential=AKID%2F2024&X-Amz-Signature=REDACTED&"
	    "X-Amz-Security-Token=REDACTED HTTP/1.1" },
	{ "not-a-pair", "the Token is not shown here, nor <Token/>",
	    "the Token is not shown here, nor <Token/>" },
	{ "longer-name-kept", "<TokenValidity>30</TokenValidity>"
	    "<MyToken>x</MyToken>", "<TokenValidity>30</TokenValidity>"
	    "<MyToken>x</MyToken>" },
	{ "json-non-string", "{\"Token\": null, \"Password\": 12}",
	    "{\"Token\": null, \"Password\": 12}" },
	{ "secrets-manager", "{\"Name\":\"db\",\"SecretString\":\"{\\\"pw\\\":"
	    "\\\"x\\\"}\"}", "{\"Name\":\"db\",\"SecretString\":\"REDACTED\"}" },
	{ "ecr-token", "{\"authorizationData\":[{\"authorizationToken\":"
	    "\"QVdTOnBhc3M=\"}]}", "{\"authorizationData\":[{"
	    "\"authorizationToken\":\"REDACTED\"}]}" },
};

static void
test_redact_text(void)
{
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(redact_cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		aws_http_redact_text(&b, redact_cases[i].in,
		    strlen(redact_cases[i].in));
		if (strcmp(b.buf, redact_cases[i].want) != 0)
			printf("# case %s\n", redact_cases[i].name);
		HS_ASSERT_STR_EQ(b.buf, redact_cases[i].want);
		hs_buf_release(&b);
	}
}

static void
test_redact_headers(void)
{
	static const struct {
		const char *name, *value, *want;
	} cases[] = {
		{ "Authorization", "AWS4-HMAC-SHA256 Credential=AKID/2024/"
		    "us-east-1/s3/aws4_request, SignedHeaders=host, "
		    "Signature=deadbeef", "Authorization: AWS4-HMAC-SHA256 "
		    "Credential=AKID/2024/us-east-1/s3/aws4_request, "
		    "SignedHeaders=host, Signature=REDACTED" },
		{ "authorization", "Bearer container-token",
		    "authorization: REDACTED" },
		{ "X-Amz-Security-Token", "tok", "X-Amz-Security-Token: REDACTED" },
		{ "x-aws-ec2-metadata-token", "tok",
		    "x-aws-ec2-metadata-token: REDACTED" },
		{ "x-aws-ec2-metadata-token-ttl-seconds", "21600",
		    "x-aws-ec2-metadata-token-ttl-seconds: 21600" },
		{ "x-amz-sso_bearer_token", "tok",
		    "x-amz-sso_bearer_token: REDACTED" },
		{ "x-amz-server-side-encryption-customer-key", "a2V5",
		    "x-amz-server-side-encryption-customer-key: REDACTED" },
		{ "x-amz-server-side-encryption-customer-key-MD5", "bWQ1",
		    "x-amz-server-side-encryption-customer-key-MD5: bWQ1" },
		{ "x-amz-server-side-encryption-aws-kms-key-id", "arn:key",
		    "x-amz-server-side-encryption-aws-kms-key-id: arn:key" },
		{ "X-Api-Key", "k", "X-Api-Key: REDACTED" },
		{ "Cookie", "a=b", "Cookie: REDACTED" },
		{ "X-Amz-Date", "20240101T000000Z",
		    "X-Amz-Date: 20240101T000000Z" },
		{ "Content-Type", "text/xml", "Content-Type: text/xml" },
	};
	size_t i;

	for (i = 0; i < HS_ARRAY_SIZE(cases); i++) {
		struct hs_buf b = HS_BUF_INIT;

		aws_http_redact_header(&b, cases[i].name, cases[i].value);
		HS_ASSERT_STR_EQ(b.buf, cases[i].want);
		hs_buf_release(&b);
	}
}

void
hs_unit_register(void)
{
	static const struct hs_unit_case cases[] = {
		{ "classify", test_classify },
		{ "default-classifier", test_default_classifier },
		{ "backoff", test_backoff },
		{ "max-attempts", test_max_attempts },
		{ "mode-parse", test_mode_parse },
		{ "quota", test_quota },
	};
	static const struct hs_unit_case dates[] = {
		{ "http-date", test_http_date },
		{ "iso8601", test_iso8601 },
	};
	static const struct hs_unit_case redact[] = {
		{ "text", test_redact_text },
		{ "headers", test_redact_headers },
	};

	hs_unit_add_table("retry", cases, HS_ARRAY_SIZE(cases));
	hs_unit_add_table("dates", dates, HS_ARRAY_SIZE(dates));
	hs_unit_add_table("redact", redact, HS_ARRAY_SIZE(redact));
}
